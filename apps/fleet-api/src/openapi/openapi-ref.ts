/** A reference to a contracts DTO in the OpenAPI document's components (see openapi.ts). */
export const ref = (dtoName: string) => ({ $ref: `#/components/schemas/${dtoName}` });
