import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { CORE_SCHEMA, load } from 'js-yaml';
import type { ContractVersion } from './types.ts';

const run = promisify(execFile);

export type LoadedVersion = { ok: true; version: ContractVersion } | { ok: false; message: string };

const FILES = ['openapi.yaml', 'asyncapi.yaml'] as const;

/**
 * Texts that passed validation in this process. Validation is most of a load (about 250 ms for a
 * small OpenAPI document, a second for asyncapi.yaml), and the fixture tests load the same base
 * document dozens of times (keyed by the parsed document, so comments do not count). Only passes are kept, so a broken text is reported every time.
 */
const validated = new Set<string>();

/**
 * Loads one version of the contract from a directory (its openapi.yaml and asyncapi.yaml), one
 * file (an OpenAPI or an AsyncAPI document, told apart by its first key), or a git ref (both files
 * as committed there, read with `git show REF:./openapi.yaml` from `cwd`). Each document is
 * validated (swagger-parser, the AsyncAPI parser), because a diff of a broken contract would list
 * noise; a failure is one sentence naming the version.
 */
export async function loadVersion(source: string, cwd: string): Promise<LoadedVersion> {
  const path = join(cwd, source);
  try {
    if (existsSync(source) || existsSync(path)) {
      const where = existsSync(path) ? path : source;
      if (statSync(where).isDirectory()) return await fromTexts(source, await readDirectory(where), where);
      const text = await readFile(where, 'utf8');
      const kind = (parse(text, where) as { asyncapi?: unknown } | undefined)?.asyncapi
        ? 'asyncapi.yaml'
        : 'openapi.yaml';
      return await fromTexts(source, { [kind]: text }, undefined, where);
    }
    const texts = await readGitRef(source, cwd);
    if (!texts) return { ok: false, message: `"${source}" is neither a file, a folder nor a git ref` };
    return await fromTexts(source, texts);
  } catch (error) {
    return { ok: false, message: `${source}: ${firstLine(error)}` };
  }
}

const firstLine = (error: unknown) =>
  String((error as Error).message ?? error)
    .split('\n')[0]
    ?.trim() ?? '';

function parse(text: string, where: string): unknown {
  return load(text, { filename: where, schema: CORE_SCHEMA });
}

async function readDirectory(dir: string): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const file of FILES)
    if (existsSync(join(dir, file))) texts[file] = await readFile(join(dir, file), 'utf8');
  if (!texts['openapi.yaml']) throw new Error(`no openapi.yaml in ${dir}`);
  return texts;
}

/** Both files at a git ref; undefined when the ref does not exist. */
async function readGitRef(ref: string, cwd: string): Promise<Record<string, string> | undefined> {
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd });
  } catch {
    return undefined;
  }
  const texts: Record<string, string> = {};
  for (const file of FILES) {
    try {
      const { stdout } = await run('git', ['show', `${ref}:./${file}`], { cwd, maxBuffer: 64 * 1024 * 1024 });
      texts[file] = stdout;
    } catch {
      // asyncapi.yaml may be younger than the ref; openapi.yaml is checked below.
    }
  }
  if (!texts['openapi.yaml']) throw new Error(`there is no openapi.yaml at ${ref}`);
  return texts;
}

/**
 * Parses and validates the texts of one version. The AsyncAPI parser reads from disk (its `$ref`s
 * point into ./openapi.yaml), so texts that are not on disk are written to a temporary folder.
 */
async function fromTexts(
  label: string,
  texts: Record<string, string>,
  dir?: string,
  singleFile?: string,
): Promise<LoadedVersion> {
  const files: Record<string, unknown> = {};
  for (const [file, text] of Object.entries(texts)) {
    const value = parse(text, file);
    if (!value || typeof value !== 'object') throw new Error(`${file} is not a YAML mapping`);
    files[file] = value;
  }
  const openapiKey = `openapi\0${JSON.stringify(files['openapi.yaml'])}`;
  if (files['openapi.yaml'] && !validated.has(openapiKey)) {
    try {
      await SwaggerParser.validate(structuredClone(files['openapi.yaml']) as never);
      validated.add(openapiKey);
    } catch (error) {
      // swagger-parser names the document "[object Object]" when it was given an object.
      const reason = firstLine(error).replace('[object Object] ', 'it ');
      throw new Error(`${basename(singleFile ?? 'openapi.yaml')} is not a valid OpenAPI document: ${reason}`);
    }
  }
  const asyncapiKey = `asyncapi\0${singleFile ?? ''}\0${JSON.stringify(files)}`;
  if (texts['asyncapi.yaml'] !== undefined && !validated.has(asyncapiKey)) {
    const temporary = dir || singleFile ? undefined : await mkdtemp(join(tmpdir(), 'contract-diff-'));
    try {
      if (temporary)
        for (const [file, text] of Object.entries(texts)) await writeFile(join(temporary, file), text);
      // Imported here: the AsyncAPI parser is the largest import of the check (about a second).
      const { loadAsyncApi } = await import('../../mock/openapi/load-asyncapi.ts');
      await loadAsyncApi(singleFile ?? join(dir ?? temporary ?? '.', 'asyncapi.yaml'));
      validated.add(asyncapiKey);
    } catch (error) {
      const message = firstLine(error).replace(/:$/, '');
      const detail = String((error as Error).message).split('\n')[1] ?? '';
      throw new Error(`${basename(singleFile ?? 'asyncapi.yaml')}: ${message} ${detail}`.trim());
    } finally {
      if (temporary) await rm(temporary, { recursive: true, force: true });
    }
  }
  return { ok: true, version: { label: label === '.' ? 'the working copy' : label, files } };
}
