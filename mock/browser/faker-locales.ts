import type { Faker, LocaleDefinition } from '@faker-js/faker';
import { faker as baseFaker } from '@faker-js/faker/locale/base';

/**
 * Faker's locales in the page, in the browser build only (scripts/build-browser.mjs): there, each
 * module `@faker-js/faker/locale/<name>` resolves to `localeFaker(prepared, loadWhole)`, `prepared`
 * being the categories of that locale's data the bundled contract reaches (names, lorem words), cut
 * at build time. Faker's English data alone is 114 kB gzipped, more than the rest of the mock; the
 * categories the page uses are a tenth of it. Another contract may reach any category (an
 * `x-faker: location.city`), so before the page mocks one it loads the whole locales, a chunk of
 * their own (`loadFullLocales`). On Node these modules are faker's own and this file is not used.
 */
const loaders: (() => Promise<void>)[] = [];

// The class from faker's base locale module: its main entry re-exports every locale, and a bundle
// that splits chunks would keep them all in reach.
const FakerClass = baseFaker.constructor as typeof Faker;

/** What the mock reads of a locale module's `faker`: its class and its (merged) definitions. */
export interface LocaleFaker {
  readonly constructor: typeof Faker;
  readonly rawDefinitions: LocaleDefinition;
}

export function localeFaker(
  prepared: LocaleDefinition,
  loadWhole: () => Promise<{ faker: { rawDefinitions: LocaleDefinition } }>,
): LocaleFaker {
  let whole: LocaleDefinition | undefined;
  loaders.push(async () => {
    whole ??= (await loadWhole()).faker.rawDefinitions;
  });
  return {
    constructor: FakerClass,
    get rawDefinitions() {
      return whole ?? prepared;
    },
  };
}

/** Loads faker's whole locales (a chunk the page fetches only then), for a contract of the page's own. */
export async function loadFullLocales(): Promise<void> {
  await Promise.all(loaders.map((load) => load()));
}
