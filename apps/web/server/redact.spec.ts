import { describe, expect, it } from '@jest/globals';
import { redactUrl, requestLogFields } from './web-server.js';

describe('request logs', () => {
  it("never carry the alert stream's access token", () => {
    expect(redactUrl('/api/fleet/v1/alerts/stream?access_token=eyJhbGciOi.eyJzdWIiOi.c2ln')).toBe('/api/fleet/v1/alerts/stream?access_token=***');
    expect(redactUrl('/api/fleet/v1/alerts/stream?x=1&Access_Token=abc&y=2')).toBe('/api/fleet/v1/alerts/stream?x=1&Access_Token=***&y=2');
    expect(redactUrl('/api/fleet/v1/alerts?state=open')).toBe('/api/fleet/v1/alerts?state=open');
    expect(redactUrl('/ops/map')).toBe('/ops/map');
  });

  it('log the method, the redacted address, the host and the client', () => {
    expect(requestLogFields({ method: 'GET', url: '/api/fleet/v1/alerts/stream?access_token=secret', host: 'web:8080', ip: '10.0.0.5' })).toEqual({
      method: 'GET',
      url: '/api/fleet/v1/alerts/stream?access_token=***',
      host: 'web:8080',
      remoteAddress: '10.0.0.5',
    });
  });
});
