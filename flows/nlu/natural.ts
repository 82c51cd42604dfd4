/**
 * Typed access to the parts of `natural` this module uses, loaded by path.
 *
 * `require('natural')` loads database drivers, runs dotenv and takes about a
 * second; the classifier file alone loads in ~20 ms and prints nothing.
 * (LogisticRegressionClassifier was tried too: a little more accurate, but
 * training on this corpus took about 8 minutes, too slow for warm-up.) natural is CommonJS without types for these paths, so each export is
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
  // natural's classifiers pull in `sylvester`, which replaces Math.sign for the
  // whole process with one where Math.sign(0) === 1: put the native one back.
  const nativeSign = Math.sign;
  const mod: unknown = require(path);
  Math.sign = nativeSign;
  if (typeof mod !== 'function') throw new TypeError(`${path} did not export a constructor`);
  return mod as ClassifierCtor;
}

let bayes: ClassifierCtor | undefined;

export function newBayesClassifier(): TokenClassifier {
  bayes ??= loadCtor('natural/lib/natural/classifiers/bayes_classifier');
  return new bayes();
}
