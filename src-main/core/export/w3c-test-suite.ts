// Test support only (imported by *.test.ts, never by the app): runs the W3C Web Annotation test suite's MUST assertions.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** The W3C suite (JSON Schema draft-04), kept in the repository under test-data/standards. */
export const W3C_SUITE_DIR = join(import.meta.dirname, '../../../test-data/standards/w3c-web-annotation-tests');

export interface AssertionOutcome {
  /** The `.test` file that lists the assertion, relative to the suite. */
  testFile: string;
  /** The assertion schema, relative to the suite (e.g. annotations/3.1-annotationContextValidated.json). */
  assertion: string;
  expectedResult: 'valid' | 'invalid';
  /** Whether the annotation validated against the assertion schema. */
  valid: boolean;
  /** The suite's verdict: the schema's result equals `expectedResult`. */
  passed: boolean;
  errorMessage: string;
}

export interface W3cSuite {
  /** Every MUST test file (name contains "Musts") with its assertion paths. */
  mustTests: { testFile: string; assertions: string[] }[];
  /** Runs every MUST assertion against one annotation. */
  check(annotation: unknown): AssertionOutcome[];
}

interface AssertionSchema {
  id: string;
  assertionType?: string;
  expectedResult?: 'valid' | 'invalid';
  errorMessage?: string;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function filesNamed(dir: string, accept: (name: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => accept(name))
    .map((name) => join(dir, name))
    .sort();
}

/** Loads the suite: registers every definitions/*.json under its id and compiles each MUST assertion. */
export function loadW3cSuite(root = W3C_SUITE_DIR): W3cSuite {
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  for (const file of filesNamed(join(root, 'definitions'), (n) => n.endsWith('.json'))) {
    ajv.addSchema(readJson(file) as object);
  }
  const mustTests = filesNamed(root, (n) => n.endsWith('.test') && n.includes('Musts')).map((file) => {
    const test = readJson(file) as { assertions?: unknown };
    if (!Array.isArray(test.assertions)) throw new Error(`${file} lists no assertions.`);
    return { testFile: relative(root, file), assertions: test.assertions.map(String) };
  });
  const compiled = new Map<string, { schema: AssertionSchema; validate: (data: unknown) => boolean }>();
  for (const { assertions } of mustTests) {
    for (const assertion of assertions) {
      if (compiled.has(assertion)) continue;
      const schema = readJson(join(root, assertion)) as AssertionSchema & object;
      compiled.set(assertion, { schema, validate: ajv.compile(schema) });
    }
  }
  return {
    mustTests,
    check(annotation) {
      return mustTests.flatMap(({ testFile, assertions }) =>
        assertions.map((assertion) => {
          const { schema, validate } = compiled.get(assertion)!;
          const expectedResult = schema.expectedResult === 'invalid' ? 'invalid' : 'valid';
          const valid = validate(annotation);
          return {
            testFile,
            assertion,
            expectedResult,
            valid,
            passed: valid === (expectedResult === 'valid'),
            errorMessage: schema.errorMessage ?? schema.id,
          };
        }),
      );
    },
  };
}

export function w3cSuitePresent(root = W3C_SUITE_DIR): boolean {
  return existsSync(join(root, 'definitions')) && existsSync(join(root, 'annotations'));
}
