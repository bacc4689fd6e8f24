import type { OpenAPIV3 } from 'openapi-types';
import type { ParameterStyle } from '../openapi/parameter-style.ts';
import { type ReadValue, readParameter } from '../openapi/read-parameter.ts';

type Schema = OpenAPIV3.SchemaObject;

/** The outcome of reading one raw parameter as its schema's type. */
export type Coerced = ReadValue;

/** How a parameter is written in the request: OpenAPI 3's `style` and `explode`, defaults left out. */
export interface Serialization {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  style?: string | undefined;
  explode?: boolean | undefined;
  /** A `content`-typed parameter's media type: its value is that type's text, read whole. */
  mediaType?: string | undefined;
}

/** The style with OpenAPI's defaults filled in: query and cookie `form`, path and header `simple`. */
function withDefaults(how: Serialization): ParameterStyle {
  const style = how.style ?? (how.in === 'path' || how.in === 'header' ? 'simple' : 'form');
  return {
    name: how.name,
    in: how.in,
    style,
    explode: how.explode ?? style === 'form',
    allowReserved: false,
    ...(how.mediaType ? { mediaType: how.mediaType } : {}),
  };
}

/**
 * Turns the raw text of a parameter into the value its schema describes, in exactly the form the
 * parameter declares (mock/openapi/read-parameter.ts, the runner's reading too). `explode: false` (the
 * contract's `status`) takes `status=a,b` and refuses `status=a&status=b`; an exploded array takes
 * the repeated form and a single value is a list of one; a scalar sent twice is refused.
 */
export function coerceParameter(raw: unknown, schema: Schema, serialization: Serialization): Coerced {
  return readParameter(raw, schema, withDefaults(serialization));
}
