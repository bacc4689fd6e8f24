import { OptionError } from './option-table.ts';

// The parsers every option table uses, the engine's and a profile's, so that a bad value reads the
// same whichever declared the option: `MOCK_CALLS must be a whole number from 0 to 5000000, not "x"`.

/** A whole number from `min` to `max`. */
export function integer(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new OptionError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    }
    return value;
  };
}

/** A number from `min` to `max`. */
export function number(name: string, min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new OptionError(`${name} must be a number from ${min} to ${max}, not "${raw}"`);
    }
    return value;
  };
}

/** on/off (also true/false, 1/0, yes/no). */
export function onOff(name: string) {
  return (raw: string): boolean => {
    if (/^(on|true|1|yes)$/i.test(raw)) return true;
    if (/^(off|false|0|no)$/i.test(raw)) return false;
    throw new OptionError(`${name} must be on or off, not "${raw}"`);
  };
}
