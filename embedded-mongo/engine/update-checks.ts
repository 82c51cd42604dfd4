/**
 * Checks MongoDB makes before applying update operators, which mingo skips (it silently ignores
 * `$inc` on a string or `$push` to a non-array). Without them a bad update would "succeed" here
 * and fail in production. Paths with positional parts (`$`, `$[]`, `$[id]`) are not checked.
 */
import { Decimal128, Long } from 'bson';
import { getPath, MISSING } from '../bson/paths.js';
import { isPlainObject, type PlainDoc } from '../bson/typed.js';
import { CommandError, ErrorCodes } from '../errors.js';
import { formatObject, formatValue } from './format.js';
import { bsonTypeName, isNumeric } from './type-names.js';

/** Operators that create the path when it is missing (so the path must be creatable). */
const CREATING = new Set(['$set', '$setOnInsert', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate', '$bit']);

const isPositional = (path: string): boolean => path.split('.').some((s) => s.startsWith('$'));

function checkViable(doc: PlainDoc, path: string): void {
  const segs = path.split('.');
  let node: unknown = doc;
  let parentKey = '';
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i] as string;
    if (Array.isArray(node)) {
      const idx = Number(seg);
      if (!Number.isInteger(idx) || idx < 0) {
        throw new CommandError(ErrorCodes.PathNotViable, `Cannot create field '${seg}' in element {${parentKey}: ${formatValue(node)}}`);
      }
      if (idx >= node.length) return;
      node = node[idx];
    } else if (isPlainObject(node)) {
      if (!Object.prototype.hasOwnProperty.call(node, seg)) return;
      node = node[seg];
    } else {
      throw new CommandError(ErrorCodes.PathNotViable, `Cannot create field '${seg}' in element {${parentKey}: ${formatValue(node)}}`);
    }
    parentKey = seg;
  }
  const last = segs[segs.length - 1] ?? '';
  const lastIsIndex = Number.isInteger(Number(last)) && Number(last) >= 0;
  if (segs.length > 1 && (Array.isArray(node) ? !lastIsIndex : !isPlainObject(node))) {
    throw new CommandError(ErrorCodes.PathNotViable, `Cannot create field '${last}' in element {${parentKey}: ${formatValue(node)}}`);
  }
}

/**
 * mingo would compute `$inc` on a Decimal128 or an int64 beyond 2^53 with JS `+` (string
 * concatenation or lost precision) and compare them as strings: refuse rather than corrupt.
 */
function refuseUnsupportedArithmetic(op: string, path: string, operand: unknown, value: unknown): void {
  for (const v of [operand, value]) {
    if (v instanceof Decimal128 || v instanceof Long) {
      throw new CommandError(
        ErrorCodes.NotImplemented,
        `${op} on ${v instanceof Decimal128 ? 'Decimal128' : 'int64 values beyond ±2^53'} ('${path}') is not supported by the embedded store; read, compute and $set the value instead`,
      );
    }
  }
}

export function checkModifier(doc: PlainDoc, ops: Readonly<Record<string, PlainDoc>>): void {
  const idText = formatObject({ _id: doc['_id'] });
  for (const [op, fields] of Object.entries(ops)) {
    for (const [path, operand] of Object.entries(fields)) {
      if (isPositional(path)) continue;
      if (CREATING.has(op)) checkViable(doc, path);
      const value = getPath(doc, path);
      const present = value !== MISSING;
      switch (op) {
        case '$inc':
        case '$mul': {
          const verb = op === '$inc' ? 'increment' : 'multiply';
          if (!isNumeric(operand)) {
            throw new CommandError(ErrorCodes.TypeMismatch, `Cannot ${verb} with non-numeric argument: ${formatObject({ [path]: operand })}`);
          }
          if (present && !isNumeric(value)) {
            throw new CommandError(
              ErrorCodes.TypeMismatch,
              `Cannot apply ${op} to a value of non-numeric type. ${idText} has the field '${path.split('.').pop() ?? path}' of non-numeric type ${bsonTypeName(value)}`,
            );
          }
          refuseUnsupportedArithmetic(op, path, operand, present ? value : undefined);
          break;
        }
        case '$min':
        case '$max':
          refuseUnsupportedArithmetic(op, path, operand, present ? value : undefined);
          break;
        case '$push':
        case '$addToSet':
          if (present && !Array.isArray(value)) {
            throw new CommandError(
              ErrorCodes.BadValue,
              `The field '${path}' must be an array but is of type ${bsonTypeName(value)} in document ${idText}`,
            );
          }
          break;
        case '$pull':
        case '$pullAll':
          if (present && !Array.isArray(value)) throw new CommandError(ErrorCodes.BadValue, `Cannot apply ${op} to a non-array value`);
          break;
        case '$pop':
          if (present && !Array.isArray(value)) {
            throw new CommandError(ErrorCodes.TypeMismatch, `Path '${path}' contains an element of non-array type '${bsonTypeName(value)}'`);
          }
          break;
        default:
          break;
      }
    }
  }
}
