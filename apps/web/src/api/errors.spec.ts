import { describe, expect, it } from '@jest/globals';
import { ApiClientError } from '@wingxtra/contracts/client';
import { describeError } from './errors';

describe('API errors in words', () => {
  it("puts the service's message first and its field errors after", () => {
    const d = describeError(
      new ApiClientError(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'pickup_lat must not be greater than 90; property colour should not exist',
        errors: [{ field: 'pickup_lat', message: 'pickup_lat must not be greater than 90' }, { field: 'colour', message: 'property colour should not exist' }],
      } as never),
    );
    expect(d.title).toBe('pickup_lat must not be greater than 90; property colour should not exist.');
    expect(d.details).toEqual(['pickup_lat must not be greater than 90', 'property colour should not exist']);
  });

  it('lists the reasons of a refused assignment and the attempts left of a wrong code', () => {
    expect(describeError(new ApiClientError(422, { statusCode: 422, error: 'Unprocessable Entity', message: 'Drone WX-1 cannot take this order', reasons: ['in maintenance'] } as never)).details).toEqual(['in maintenance']);
    expect(describeError(new ApiClientError(422, { statusCode: 422, error: 'x', message: 'The code is wrong; 4 attempts left', attempts_left: 4 } as never)).details).toEqual(['4 attempts left.']);
  });

  it('says what a status means when the service sent no message', () => {
    expect(describeError(new ApiClientError(502, undefined)).title).toBe('A service behind this site cannot be reached. Try again shortly.');
    expect(describeError(new ApiClientError(418, undefined)).title).toBe('The server answered HTTP 418.');
  });

  it('tells a network failure and a timeout apart', () => {
    expect(describeError(new TypeError('Failed to fetch')).title).toBe('The server cannot be reached. Check your connection and try again.');
    expect(describeError(new DOMException('signal timed out', 'TimeoutError')).title).toBe('The server took too long to answer. Check your connection and try again.');
  });

  it('adds what to do on a refused role', () => {
    const d = describeError(new ApiClientError(403, { statusCode: 403, error: 'Forbidden', message: 'Role MERCHANT may not do this (allowed: OPS, ADMIN)' }));
    expect(d.title).toBe('Role MERCHANT may not do this (allowed: OPS, ADMIN).');
    expect(d.details).toEqual(['Your role may not do this.']);
  });
});
