/** Why a flight ended (analytics-worker's sessionizer). */
export const FLIGHT_END_REASONS = ['throttle_idle', 'disarmed', 'stationary', 'gap'] as const;
