/** `itsm.<context>.<EventName>.v<schemaVersion>` (DESIGN §4). */
export const cloudEventType = (context: string, eventType: string, schemaVersion: number): string =>
  `itsm.${context}.${eventType}.v${schemaVersion}`;

/** `/itsm/<context>`. */
export const cloudEventSource = (context: string): string => `/itsm/${context}`;

const TYPE = /^itsm\.([a-z]+)\.([A-Za-z0-9_]+)\.v(\d+)$/;

export const parseCloudEventType = (type: string): { context: string; eventType: string; schemaVersion: number } => {
  const match = TYPE.exec(type);
  if (!match) throw new Error(`"${type}" is not an ITSM CloudEvents type (itsm.<context>.<EventName>.v<n>)`);
  return {
    context: match[1],
    eventType: match[2],
    schemaVersion: Number(match[3]),
  };
};
