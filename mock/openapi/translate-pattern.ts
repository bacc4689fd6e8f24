/**
 * A `pattern` written for another regex dialect, in JavaScript's words where the meaning is clear:
 * Ruby's and Python's `\A` (start of text) is `^`, `\Z` and `\z` (end of text) are `$`. JSON
 * Schema patterns are ECMA-262 regexes, and Linode's `\A(\*\.)?([a-zA-Z0-9-_]{1,63}\.)+…\Z` did
 * not compile, so the rule was not checked at all (Ajv left the whole schema unchecked). What
 * cannot be translated (an inline flag such as `(?i)`, possessive quantifiers) is left as written,
 * with `untranslated` saying why; the validator then leaves the schema unchecked and says so once
 * (its `onUnreadable`, a warning line of the mock's log). A pattern that already compiles is returned as it is.
 */
export function translatePattern(pattern: string): Translated {
  let known = translated.get(pattern);
  if (!known) {
    known = translate(pattern);
    translated.set(pattern, known);
  }
  return known;
}

type Translated = { pattern: string; untranslated?: string };

/** By source: the generator tests a pattern on every value it draws, and documents repeat patterns. */
const translated = new Map<string, Translated>();

function translate(pattern: string): Translated {
  if (compiles(pattern)) return { pattern };
  // An escape is a backslash after an even run of backslashes (`\\A` is a backslash and an `A`).
  const anchored = pattern.replace(/(?<!\\)((?:\\\\)*)\\([AZz])/g, (_, run: string, letter: string) =>
    letter === 'A' ? `${run}^` : `${run}$`,
  );
  if (compiles(anchored)) return { pattern: anchored };
  return { pattern, untranslated: `the pattern ${pattern} is not a JavaScript regular expression` };
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
