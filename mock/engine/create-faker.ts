import type { Faker } from '@faker-js/faker';
import { faker as englishFaker } from '@faker-js/faker/locale/en';

/**
 * A seeded faker of faker's English data, for contracts whose profile brings no locale of its own.
 * Never module-global: each caller owns its instance. Built from the `en` entry point because the
 * package's main entry loads every locale, a third of a start.
 */
export function createEnglishFaker(seed: number): Faker {
  const FakerClass = englishFaker.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker;
  const faker = new FakerClass({ locale: englishFaker.rawDefinitions });
  faker.seed(seed);
  return faker;
}
