// A small protobuf text-format parser for tests: reads a .pbtxt against message definitions loaded by protobufjs and names every mismatch.
import protobuf from 'protobufjs';

type Value = string | number | boolean | bigint | ParsedMessage | Value[];
/** A parsed message: field name -> value (repeated fields as arrays). */
export interface ParsedMessage {
  readonly [field: string]: Value;
}

interface Token {
  readonly kind: 'ident' | 'number' | 'string' | 'punct';
  readonly text: string;
  readonly line: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|#[^\n]*|([A-Za-z_][A-Za-z0-9_.]*)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"\\\n]|\\.)*")|([{}[\]:,<>])|(.)/gy;
  let line = 1;
  for (let m = re.exec(text); m !== null && m[0] !== ''; m = re.exec(text)) {
    const [whole, ident, num, str, punct, bad] = m;
    if (bad !== undefined) throw new Error(`line ${String(line)}: unexpected character '${bad}'`);
    if (ident !== undefined) tokens.push({ kind: 'ident', text: ident, line });
    else if (num !== undefined) tokens.push({ kind: 'number', text: num, line });
    else if (str !== undefined) tokens.push({ kind: 'string', text: str, line });
    else if (punct !== undefined) tokens.push({ kind: 'punct', text: punct, line });
    line += whole.split('\n').length - 1;
  }
  return tokens;
}

const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

/** Parses `text` as the message `typeName` of the .proto `source`; throws naming the line and field on any mismatch. */
export function parseTextFormat(source: string, typeName: string, text: string): ParsedMessage {
  const root = protobuf.parse(source, { keepCase: true }).root;
  root.resolveAll();
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const next = (what: string): Token => {
    const t = tokens[at++];
    if (t === undefined) throw new Error(`unexpected end of text, expected ${what}`);
    return t;
  };
  const fail = (t: Token, message: string): never => {
    throw new Error(`line ${String(t.line)}: ${message}`);
  };

  const scalar = (field: protobuf.Field, where: string): Value => {
    const t = next(`a value for ${where}`);
    if (field.resolvedType instanceof protobuf.Enum) {
      if (t.kind !== 'ident' || !Object.hasOwn(field.resolvedType.values, t.text)) return fail(t, `${where}: '${t.text}' is not a value of ${field.resolvedType.name}`);
      return t.text;
    }
    if (field.resolvedType instanceof protobuf.Type) {
      if (t.text !== '{' && t.text !== '<') return fail(t, `${where}: expected '{' for message ${field.resolvedType.name}`);
      return message(field.resolvedType, where, t.text === '{' ? '}' : '>');
    }
    switch (field.type) {
      case 'string':
        if (t.kind !== 'string') return fail(t, `${where}: expected a quoted string`);
        return JSON.parse(t.text) as string;
      case 'bool':
        if (t.text !== 'true' && t.text !== 'false') return fail(t, `${where}: expected true or false`);
        return t.text === 'true';
      case 'float':
      case 'double':
        if (t.kind !== 'number') return fail(t, `${where}: expected a number`);
        return Number(t.text);
      default: {
        const range = INTEGER_RANGES[field.type];
        if (range === undefined) return fail(t, `${where}: type ${field.type} is not supported by this parser`);
        if (t.kind !== 'number' || !/^-?\d+$/.test(t.text)) return fail(t, `${where}: expected an integer (${field.type})`);
        const v = BigInt(t.text);
        if (v < range[0] || v > range[1]) return fail(t, `${where}: ${t.text} is out of range for ${field.type}`);
        return v;
      }
    }
  };

  const message = (type: protobuf.Type, path: string, close: string | null): ParsedMessage => {
    const out: Record<string, Value> = Object.create(null) as Record<string, Value>;
    for (;;) {
      const t = peek();
      if (t === undefined) {
        if (close !== null) throw new Error(`unexpected end of text, expected '${close}' closing ${path}`);
        break;
      }
      if (close !== null && t.text === close) {
        at++;
        break;
      }
      const name = next('a field name');
      if (name.kind !== 'ident') fail(name, `${path}: expected a field name, got '${name.text}'`);
      const field = Object.hasOwn(type.fields, name.text) ? type.fields[name.text] : undefined;
      const where = path === '' ? name.text : `${path}.${name.text}`;
      if (field === undefined) return fail(name, `${where}: no such field in ${type.name}`);
      if (field.map) return fail(name, `${where}: map fields are not supported by this parser`);
      if (peek()?.text === ':') at++;
      else if (!(field.resolvedType instanceof protobuf.Type)) fail(name, `${where}: expected ':'`);
      let values: Value[];
      if (peek()?.text === '[') {
        at++;
        values = [];
        if (peek()?.text !== ']') {
          for (;;) {
            values.push(scalar(field, where));
            const sep = next(`',' or ']' in ${where}`);
            if (sep.text === ']') break;
            if (sep.text !== ',') fail(sep, `${where}: expected ',' or ']'`);
          }
        } else at++;
        if (!field.repeated) fail(name, `${where}: a list for a field that is not repeated`);
      } else values = [scalar(field, where)];
      if (field.repeated) out[name.text] = [...((out[name.text] as Value[] | undefined) ?? []), ...values];
      else if (Object.hasOwn(out, name.text)) fail(name, `${where}: set twice`);
      else out[name.text] = values[0] as Value;
      const sep = peek();
      if (sep?.text === ',' || sep?.text === ';') at++;
    }
    for (const oneof of type.oneofsArray) {
      const set = oneof.fieldsArray.filter((f) => Object.hasOwn(out, f.name)).map((f) => f.name);
      if (set.length > 1) throw new Error(`${path || type.name}: oneof ${oneof.name} has ${set.join(' and ')}`);
    }
    return out;
  };

  return message(root.lookupType(typeName), '', null);
}
