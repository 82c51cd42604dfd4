/**
 * Typed access to the parts of `natural` this module uses, loaded by path.
 *
 * `require('natural')` loads database drivers, runs dotenv and takes about a
 * second; the classifier and distance files alone load in ~20 ms and print
 * nothing. natural is CommonJS without types for these paths, so each export is
 * checked once here and described by a small interface.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface Classification {
  readonly label: string;
  readonly value: number;
}

/** natural's classifiers accept token arrays everywhere a string is accepted. */
export interface TokenClassifier {
  addDocument(tokens: readonly string[], label: string): void;
  train(): void;
  getClassifications(tokens: readonly string[]): Classification[];
  classify(tokens: readonly string[]): string;
}

type ClassifierCtor = new () => TokenClassifier;

function loadCtor(path: string): ClassifierCtor {
  const mod: unknown = require(path);
  if (typeof mod !== 'function') throw new TypeError(`${path} did not export a constructor`);
  return mod as ClassifierCtor;
}

function loadFunction(path: string, name?: string): (a: string, b: string) => number {
  const mod: unknown = require(path);
  const fn: unknown = name !== undefined && typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>)[name] : mod;
  if (typeof fn !== 'function') throw new TypeError(`${path} did not export ${name ?? 'a function'}`);
  return fn as (a: string, b: string) => number;
}

let bayes: ClassifierCtor | undefined;
let logistic: ClassifierCtor | undefined;

export function newBayesClassifier(): TokenClassifier {
  bayes ??= loadCtor('natural/lib/natural/classifiers/bayes_classifier');
  return new bayes();
}

export function newLogisticRegressionClassifier(): TokenClassifier {
  logistic ??= loadCtor('natural/lib/natural/classifiers/logistic_regression_classifier');
  return new logistic();
}

let jaroWinkler: ((a: string, b: string) => number) | undefined;
/** Jaro–Winkler similarity, 0..1 (1 = same); works on Chinese characters. */
export function jaroWinklerSimilarity(a: string, b: string): number {
  jaroWinkler ??= loadFunction('natural/lib/natural/distance/jaro-winkler_distance');
  return jaroWinkler(a, b);
}
