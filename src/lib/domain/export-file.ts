import { messageOf } from './message';
import { z } from 'zod';
import { AudienceSchema, type Audience } from './audience';
import { ConnectorNameSchema, ConnectorStatusSchema, ConnectorTargetSchema, connectorNameKey, type Connector } from './connector';
import { FaultSettingsSchema, type FaultSettings } from './faults';
import { connectorIdsOf, JourneySchema, type Journey } from './journey';
import { DailyStatisticsSchema, HourlyStatisticsSchema, type DailyStatistics, type HourlyStatistics } from './statistics';

/**
 * The workspace export file: one JSON document that carries a workspace from one browser to
 * another. Its `version` counts changes to this shape; a reader migrates older files step by
 * step and refuses newer ones, since it cannot know what a newer field means.
 */
export const EXPORT_FORMAT = 'activation-sandbox-workspace';
export const EXPORT_VERSION = 1;

/** Files above this size are refused before parsing: a browser tab would struggle, and no real workspace is this big. */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;
/** Problems listed at most; the rest are counted. */
export const MAX_PROBLEMS = 50;
const MAX_DEPTH = 64;

const ExportedConnectorSchema = z.object({
	id: z.string().min(1).max(200),
	partnerId: z.string().min(1).max(100),
	name: ConnectorNameSchema,
	status: ConnectorStatusSchema,
	target: ConnectorTargetSchema,
	/** Secret fields are absent unless the file says it includes secrets. */
	config: z.record(z.string(), z.unknown()),
	createdAt: z.number().int().nonnegative(),
	updatedAt: z.number().int().nonnegative()
});
export type ExportedConnector = z.infer<typeof ExportedConnectorSchema>;

const ExportedEngineSchema = z.object({
	/** The sandbox clock, epoch milliseconds. */
	clock: z.number().int().nonnegative(),
	speed: z.number().min(0.1).max(100_000),
	populationSize: z.number().int().min(100).max(1_000_000),
	trafficRate: z.number().min(0).max(100)
});
export type ExportedEngine = z.infer<typeof ExportedEngineSchema>;

function isTimeZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

export const ExportFileSchema = z.object({
	format: z.literal(EXPORT_FORMAT, { error: `This is not an Activation Sandbox workspace file (its "format" should be "${EXPORT_FORMAT}").` }),
	version: z.literal(EXPORT_VERSION),
	exportedAt: z.number().int().nonnegative(),
	/** Whether connectors carry their secret fields (access tokens, passwords, API keys). */
	includesSecrets: z.boolean(),
	workspace: z.object({
		name: z.string().trim().min(1, 'Give the workspace a name.').max(80),
		timeZone: z.string().min(1).max(100).refine(isTimeZone, 'Not a time zone this browser knows (use an IANA name such as Europe/Amsterdam).'),
		seed: z.number().int().min(-(2 ** 31)).max(2 ** 32),
		demo: z.boolean()
	}),
	connectors: z.array(ExportedConnectorSchema).max(500),
	faults: z.array(z.object({ connectorId: z.string().min(1), faults: FaultSettingsSchema })).max(500),
	audiences: z.array(AudienceSchema).max(5_000),
	journeys: z.array(JourneySchema).max(5_000),
	statistics: z.object({
		hourly: z.array(HourlyStatisticsSchema).max(1_000_000),
		daily: z.array(DailyStatisticsSchema).max(100_000)
	}),
	/** The sandbox clock and the simulator's settings; null when the engine never ran. */
	engine: ExportedEngineSchema.nullable()
});
export type ExportFile = z.infer<typeof ExportFileSchema>;

/** One thing wrong with a file, with where it is (`connectors[2].config.accessToken`). */
export interface ImportProblem {
	path: string;
	message: string;
}

/** What a partner contributes to reading a file; injected so this module stays free of the partner registry. */
export interface PartnerRules {
	name: string;
	multipleConfigurations: boolean;
	/** Validates a configuration; issues carry paths inside the configuration. */
	checkConfig(config: Record<string, unknown>): { ok: true; config: Record<string, unknown> } | { ok: false; issues: z.core.$ZodIssue[] };
	secretFields: readonly string[];
}
export type PartnerLookup = (partnerId: string) => PartnerRules | undefined;

/** A file that passed every check, with what an import would create. */
export interface ReadFile {
	file: ExportFile;
	/** Connectors whose secrets were left out of the file: they need credentials before they can send. */
	needsCredentials: Array<{ id: string; name: string; fields: string[] }>;
	/** The version the file was written in, before migration. */
	fromVersion: number;
}

export type ReadResult = ({ ok: true } & ReadFile) | { ok: false; kind: 'invalid' | 'newer'; problems: ImportProblem[]; more: number };

/** Turns a zod or JSON path into the dotted form users read: `connectors[2].config.accessToken`. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else {
			const key = String(part);
			out += /^[A-Za-z_$][\w$]*$/.test(key) ? (out ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
		}
	}
	return out || '(the whole file)';
}

/**
 * Each migration turns a file of version n into version n + 1. Files are only ever read, never
 * written, in an old version, so a migration is a plain function over untrusted JSON: it moves
 * what it recognises and leaves the rest for the schema to judge.
 */
export const MIGRATIONS: Record<number, (file: Record<string, unknown>) => Record<string, unknown>> = {
	// Version 0 is the preview's shape: the workspace's settings at the top level, connectors
	// with `partner` and an `active` flag, no statistics, no fault settings and no engine.
	// (It is defined to carry the migration path and its test; no public release wrote it.)
	0: (file) => {
		const connectors = file.connectors;
		return {
			format: EXPORT_FORMAT,
			version: 1,
			exportedAt: file.exportedAt,
			includesSecrets: file.includesSecrets ?? false,
			workspace: { name: file.name, timeZone: file.timeZone, seed: file.seed, demo: false },
			connectors: Array.isArray(connectors)
				? connectors.map((c: unknown) => {
						if (typeof c !== 'object' || c === null) return c;
						const { partner, active, ...rest } = c as Record<string, unknown>;
						return { ...rest, partnerId: partner, status: active === false ? 'deactivated' : 'active', target: 'mock' };
					})
				: connectors,
			faults: [],
			audiences: file.audiences ?? [],
			journeys: file.journeys ?? [],
			statistics: { hourly: [], daily: [] },
			engine: null
		};
	}
};

function fail(problems: ImportProblem[], kind: 'invalid' | 'newer' = 'invalid'): ReadResult {
	return { ok: false, kind, problems: problems.slice(0, MAX_PROBLEMS), more: Math.max(0, problems.length - MAX_PROBLEMS) };
}

/** What a value is, in a few words, for "expected …, found …". */
function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	switch (typeof value) {
		case 'string':
			return value.length > 40 ? `the text "${value.slice(0, 40)}…"` : `the text ${JSON.stringify(value)}`;
		case 'number':
			return `the number ${value}`;
		case 'boolean':
			return String(value);
		case 'object':
			return 'an object';
		default:
			return typeof value;
	}
}

const EXPECTED: Record<string, string> = {
	string: 'text',
	number: 'a number',
	int: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	object: 'an object',
	record: 'an object',
	nan: 'a number'
};

function describeType(issue: z.core.$ZodIssueInvalidType): string {
	const expected = EXPECTED[issue.expected] ?? issue.expected;
	return issue.input === undefined ? `Missing: expected ${expected}.` : `Expected ${expected} here, found ${describeValue(issue.input)}.`;
}

/**
 * Zod's own messages ("Invalid input: expected string, received undefined") rephrased for a
 * person reading about their file; messages the schemas set themselves are kept.
 */
function describeIssue(issue: z.core.$ZodIssue): string {
	const input = 'input' in issue ? issue.input : undefined;
	if (issue.code === 'invalid_type') return issue.message.startsWith('Invalid input') ? describeType(issue) : issue.message;
	if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid')) {
		const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
		return input === undefined ? `Missing: expected one of ${options}.` : `Expected one of ${options}, found ${describeValue(input)}.`;
	}
	if (issue.code === 'invalid_union') return `Not a valid value here (found ${describeValue(input)}); see an exported file for the expected shape.`;
	if (issue.code === 'too_big' && issue.origin === 'array') return `Too many entries: at most ${String(issue.maximum)}.`;
	if (issue.code === 'too_big' && issue.origin === 'string' && issue.message.startsWith('Too big')) return `Too long: at most ${String(issue.maximum)} characters.`;
	if (issue.code === 'too_small' && issue.origin === 'string' && issue.message.startsWith('Too small')) return 'Must not be empty.';
	if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.message.startsWith('Too')) {
		const bound = issue.code === 'too_big' ? `at most ${String(issue.maximum)}` : `at least ${String(issue.minimum)}`;
		return `Out of range: ${bound}, found ${describeValue(input)}.`;
	}
	return issue.message;
}

/** Refuses keys that could reach an object's prototype, and nesting no export has. */
function hostileKeys(value: unknown, path: PropertyKey[], problems: ImportProblem[], depth = 0): void {
	if (problems.length >= MAX_PROBLEMS || typeof value !== 'object' || value === null) return;
	if (depth > MAX_DEPTH) {
		problems.push({ path: formatPath(path), message: `Nested more than ${MAX_DEPTH} levels deep; no workspace file is.` });
		return;
	}
	if (Array.isArray(value)) {
		value.forEach((item, index) => hostileKeys(item, [...path, index], problems, depth + 1));
		return;
	}
	for (const key of Object.keys(value)) {
		if (key === '__proto__' || key === 'prototype') {
			problems.push({ path: formatPath([...path, key]), message: `The key "${key}" is not allowed in a workspace file.` });
			continue;
		}
		hostileKeys((value as Record<string, unknown>)[key], [...path, key], problems, depth + 1);
	}
}

/**
 * Reads an export file's text: parses, migrates an older version, validates the whole file
 * (every problem, each with its path) and checks that its parts fit together. Pure: it
 * touches no storage, so a refused file changes nothing.
 */
export function readExportFile(text: string, partners: PartnerLookup): ReadResult {
	if (text.length > MAX_IMPORT_CHARS) {
		return fail([{ path: '(the whole file)', message: `The file is ${(text.length / 1024 / 1024).toFixed(0)} MB; a workspace file is at most ${MAX_IMPORT_CHARS / 1024 / 1024} MB.` }]);
	}
	if (text.trim() === '') return fail([{ path: '(the whole file)', message: 'The file is empty.' }]);
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		const reason = messageOf(error);
		return fail([{ path: '(the whole file)', message: `The file is not valid JSON (it may be cut short or not a workspace export): ${reason}` }]);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return fail([{ path: '(the whole file)', message: 'A workspace file is a JSON object; this file holds something else.' }]);
	}
	const hostile: ImportProblem[] = [];
	hostileKeys(parsed, [], hostile);
	if (hostile.length > 0) return fail(hostile);

	let file = parsed as Record<string, unknown>;
	const version = file.version;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
		return fail([{ path: 'version', message: 'The file does not say which format version it is in, so it is not a workspace export of this sandbox.' }]);
	}
	if (version > EXPORT_VERSION) {
		return fail(
			[
				{
					path: 'version',
					message: `This file was exported by a newer Activation Sandbox (format version ${version}); this one reads versions up to ${EXPORT_VERSION}. Open it in the newer sandbox, or update this one.`
				}
			],
			'newer'
		);
	}
	for (let from = version; from < EXPORT_VERSION; from++) {
		const migrate = MIGRATIONS[from];
		if (!migrate) return fail([{ path: 'version', message: `Format version ${from} is not one this sandbox knows how to read.` }]);
		file = migrate(file);
	}

	const checked = ExportFileSchema.safeParse(file, { reportInput: true });
	if (!checked.success) {
		return fail(checked.error.issues.map((issue) => ({ path: formatPath(issue.path), message: describeIssue(issue) })));
	}
	const problems: ImportProblem[] = [];
	const needsCredentials = checkParts(checked.data, partners, problems);
	if (problems.length > 0) return fail(problems);
	return { ok: true, file: checked.data, needsCredentials, fromVersion: version };
}

/** Checks what the schema alone cannot: partner configurations, unique names, and references between parts. */
function checkParts(file: ExportFile, partners: PartnerLookup, problems: ImportProblem[]): ReadFile['needsCredentials'] {
	const needsCredentials: ReadFile['needsCredentials'] = [];
	const ids = new Set<string>();
	const names = new Map<string, number>();
	const singles = new Map<string, number>();
	file.connectors.forEach((connector, index) => {
		const at = (...rest: PropertyKey[]) => formatPath(['connectors', index, ...rest]);
		if (ids.has(connector.id)) problems.push({ path: at('id'), message: `Another connector in the file has the id "${connector.id}".` });
		ids.add(connector.id);
		const key = connectorNameKey(connector.name);
		const other = names.get(key);
		if (other !== undefined) problems.push({ path: at('name'), message: `connectors[${other}] has the same name ("${connector.name}"); names are unique ignoring case.` });
		else names.set(key, index);
		const partner = partners(connector.partnerId);
		if (!partner) {
			problems.push({ path: at('partnerId'), message: `"${connector.partnerId}" is not a server-to-server partner of this sandbox.` });
			return;
		}
		if (!partner.multipleConfigurations) {
			const first = singles.get(connector.partnerId);
			if (first !== undefined) problems.push({ path: at('partnerId'), message: `${partner.name} allows one configuration per workspace, and connectors[${first}] is already one.` });
			else singles.set(connector.partnerId, index);
		}
		// Secrets left out of the file are no problem: the connector is flagged for credentials.
		const missing = partner.secretFields.filter((field) => typeof connector.config[field] !== 'string' || connector.config[field] === '');
		const result = partner.checkConfig({ ...Object.fromEntries(missing.map((f) => [f, ''])), ...connector.config });
		if (!result.ok) {
			for (const issue of result.issues) {
				const field = issue.path[0];
				if (typeof field === 'string' && missing.includes(field) && connector.config[field] === undefined) continue;
				// A form's "Enter the access token." misleads about a file holding a number there.
				const message = issue.code === 'invalid_type' ? describeType(issue) : issue.message;
				problems.push({ path: at('config', ...issue.path), message });
			}
		}
		const absent = missing.filter((field) => connector.config[field] === undefined);
		if (absent.length > 0 && !file.includesSecrets) needsCredentials.push({ id: connector.id, name: connector.name, fields: absent });
		else if (absent.length > 0) problems.push({ path: at('config', absent[0]!), message: 'The file says it includes secrets, but this one is missing.' });
	});

	const known = (id: string) => ids.has(id);
	file.faults.forEach((f, index) => {
		if (!known(f.connectorId)) problems.push({ path: formatPath(['faults', index, 'connectorId']), message: `No connector in the file has the id "${f.connectorId}".` });
	});
	const audienceIds = new Set<string>();
	file.audiences.forEach((audience, index) => {
		if (audienceIds.has(audience.id)) problems.push({ path: formatPath(['audiences', index, 'id']), message: `Another audience in the file has the id "${audience.id}".` });
		audienceIds.add(audience.id);
		audience.connectors.forEach((use, u) => {
			if (!known(use.connectorId)) problems.push({ path: formatPath(['audiences', index, 'connectors', u, 'connectorId']), message: `No connector in the file has the id "${use.connectorId}".` });
		});
	});
	const journeyIds = new Set<string>();
	file.journeys.forEach((journey, index) => {
		if (journeyIds.has(journey.id)) problems.push({ path: formatPath(['journeys', index, 'id']), message: `Another journey in the file has the id "${journey.id}".` });
		journeyIds.add(journey.id);
		const used = new Set([...connectorIdsOf(journey.draft), ...(journey.published ? connectorIdsOf(journey.published) : [])]);
		for (const id of used) {
			if (!known(id)) problems.push({ path: formatPath(['journeys', index]), message: `A step sends to the connector "${id}", which is not in the file.` });
		}
	});
	const checkStats = (rows: ReadonlyArray<{ connectorId: string }>, part: 'hourly' | 'daily') => {
		const index = rows.findIndex((row) => !known(row.connectorId));
		if (index >= 0) problems.push({ path: formatPath(['statistics', part, index, 'connectorId']), message: `No connector in the file has the id "${rows[index]!.connectorId}".` });
	};
	checkStats(file.statistics.hourly, 'hourly');
	checkStats(file.statistics.daily, 'daily');
	return needsCredentials;
}

/** What a workspace export is made from. */
export interface ExportSource {
	name: string;
	timeZone: string;
	seed: number;
	demo: boolean;
	connectors: Connector[];
	faults: ReadonlyMap<string, FaultSettings>;
	audiences: Audience[];
	journeys: Journey[];
	hourly: HourlyStatistics[];
	daily: DailyStatistics[];
	engine: ExportedEngine | null;
}

/** Builds the export file; secret fields are left out unless `includeSecrets`. */
export function buildExportFile(source: ExportSource, options: { includeSecrets: boolean; exportedAt: number; secretFieldsOf: (partnerId: string) => readonly string[] }): ExportFile {
	return {
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		exportedAt: options.exportedAt,
		includesSecrets: options.includeSecrets,
		workspace: { name: source.name, timeZone: source.timeZone, seed: source.seed, demo: source.demo },
		connectors: source.connectors.map((c) => {
			const secrets = options.includeSecrets ? [] : options.secretFieldsOf(c.partnerId);
			// An empty optional secret stays: leaving it out would flag a connector that needs nothing.
			const config = Object.fromEntries(Object.entries(c.config).filter(([key, value]) => !(secrets.includes(key) && value !== '')));
			return { id: c.id, partnerId: c.partnerId, name: c.name, status: c.status, target: c.target, config, createdAt: c.createdAt, updatedAt: c.updatedAt };
		}),
		faults: [...source.faults].map(([connectorId, faults]) => ({ connectorId, faults })),
		audiences: source.audiences,
		journeys: source.journeys,
		statistics: { hourly: source.hourly, daily: source.daily },
		engine: source.engine
	};
}

/** A file name for an export: the workspace's name made safe, and the day. */
export function exportFileName(workspaceName: string, exportedAt: number): string {
	const slug =
		workspaceName
			.normalize('NFKD')
			.replace(/[^\w\s-]/g, '')
			.trim()
			.replace(/[\s_]+/g, '-')
			.toLowerCase()
			.slice(0, 40) || 'workspace';
	return `${slug}-${new Date(exportedAt).toISOString().slice(0, 10)}.activation-sandbox.json`;
}

/** The connectors of an import as they are stored: name keys derived, missing secrets empty. */
export function connectorsToStore(file: ExportFile, secretFieldsOf: (partnerId: string) => readonly string[]): Connector[] {
	return file.connectors.map((c) => {
		const blanks = Object.fromEntries(secretFieldsOf(c.partnerId).filter((f) => c.config[f] === undefined).map((f) => [f, '']));
		return { ...c, nameKey: connectorNameKey(c.name), config: { ...c.config, ...blanks } };
	});
}
