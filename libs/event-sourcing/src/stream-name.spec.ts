import { formatNumber, isStreamOfType, parseStreamName, streamName } from './stream-name';

describe('stream names', () => {
  const id = '0190a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';

  it('joins type and uuid', () => {
    expect(streamName('incident', id)).toBe(`incident-${id}`);
  });

  it('makes a fresh uuid v7 when none is given', () => {
    expect(streamName('change')).toMatch(/^change-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });

  it('parses types that contain dashes', () => {
    expect(parseStreamName(`service-offering-${id}`)).toEqual({ streamType: 'service-offering', entityId: id });
  });

  it('refuses ids that are not <type>-<uuid>', () => {
    expect(() => parseStreamName('incident-42')).toThrow(/not a stream id/);
    expect(() => streamName('Incident', id)).toThrow(/Invalid stream type/);
  });

  it('tells the stream type', () => {
    expect(isStreamOfType(`incident-${id}`, 'incident')).toBe(true);
    expect(isStreamOfType(`incidentx-${id}`, 'incident')).toBe(false);
  });

  it('formats human numbers', () => {
    expect(formatNumber('INC', 1234)).toBe('INC0001234');
    expect(formatNumber('SVC', 12)).toBe('SVC0000012');
  });
});
