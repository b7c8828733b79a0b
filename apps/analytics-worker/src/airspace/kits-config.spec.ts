import { describe, expect, it } from '@jest/globals';
import { KitsConfigError, parseKitsConfig } from './kits-config.js';

const problemsOf = (text: string): string[] => {
  try {
    parseKitsConfig(text, 'kits.yaml');
  } catch (err) {
    if (err instanceof KitsConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('parseKitsConfig', () => {
  it('reads the spec example, with defaults for name, location and enabled', () => {
    const kits = parseKitsConfig(`
kits:
  - id: kit-001
    name: "Mobile Unit Alpha"
    api_url: "http://192.168.1.100:8088/"
    location: "Field Operations"
    enabled: true
  - id: kit-002
    api_url: "https://10.0.0.50:8088"
    enabled: false
  - id: kit-003
    api_url: http://10.0.0.51:8088
`);
    expect(kits).toEqual([
      { id: 'kit-001', name: 'Mobile Unit Alpha', apiUrl: 'http://192.168.1.100:8088', location: 'Field Operations', enabled: true },
      { id: 'kit-002', name: 'kit-002', apiUrl: 'https://10.0.0.50:8088', location: null, enabled: false },
      { id: 'kit-003', name: 'kit-003', apiUrl: 'http://10.0.0.51:8088', location: null, enabled: true },
    ]);
  });

  it('accepts an empty kits list', () => {
    expect(parseKitsConfig('kits: []')).toEqual([]);
  });

  it('names every problem with the kit position', () => {
    expect(problemsOf(`
kits:
  - name: no id
    api_url: http://a:1
  - id: kit-2
    api_url: ftp://a
  - id: kit-3
    api_url: http://b:1
    enabled: "yes"
    colour: red
  - id: kit-3
    api_url: http://c:1
`)).toEqual([
      'kits.yaml: kits[0]: id is required, 1-64 characters of A-Z a-z 0-9 . _ -',
      'kits.yaml: kits[1]: api_url must be an http(s) URL, got "ftp://a"',
      'kits.yaml: kits[2]: unknown field "colour" (known: id, name, api_url, location, enabled)',
      'kits.yaml: kits[2]: enabled must be true or false',
    ]);
  });

  it('refuses a duplicate id, a missing api_url, a file without a kits list and one that is not YAML', () => {
    expect(problemsOf('kits:\n  - {id: a, api_url: "http://x"}\n  - {id: a, api_url: "http://y"}')).toEqual(['kits.yaml: kits[1]: id "a" appears more than once']);
    expect(problemsOf('kits:\n  - id: a')).toEqual(['kits.yaml: kits[0]: api_url is required (for example http://192.168.1.100:8088)']);
    expect(problemsOf('devices: []')).toEqual(['kits.yaml must be a mapping with a "kits" list']);
    expect(problemsOf('kits: {id: a}')).toEqual(['kits.yaml: "kits" must be a list']);
    expect(problemsOf('kits: [unclosed')[0]).toMatch(/^kits.yaml is not valid YAML: /);
  });
});
