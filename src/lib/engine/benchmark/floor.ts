import { normaliseEmail, type Sha256 } from '$lib/partners/identifiers';
import { BENCH_CONNECTORS, benchProfile, PROFILES } from './workload';

/**
 * The unavoidable work for the workload, measured in the same run: normalise and hash each
 * identifier once with the engine's hash function, serialise the request bodies at each
 * partner's batch size, and parse each body once as the partner would.
 */
export function floorSeconds(sha256: Sha256, now: () => number): number {
	const started = now();
	const hashed: string[] = new Array(PROFILES);
	const xandrIds: string[] = new Array(PROFILES);
	for (let i = 0; i < PROFILES; i++) {
		const p = benchProfile(i);
		hashed[i] = sha256(normaliseEmail(p.email!));
		xandrIds[i] = p.partnerUserIds['1401']!;
	}
	for (const operation of ['add', 'remove'] as const) {
		for (let from = 0; from < PROFILES; from += 10_000) {
			const body = JSON.stringify({ payload: { schema: ['EMAIL'], data: hashed.slice(from, from + 10_000).map((h) => [h]) } });
			JSON.parse(body);
		}
		const list = operation === 'add' ? 'addedContactInfoList' : 'removedContactInfoList';
		const dv = JSON.stringify({ advertiserId: '4304512', [list]: { contactInfos: hashed.map((h) => ({ hashedEmails: [h] })), consent: {} } });
		JSON.parse(dv);
		const file = xandrIds.map((id) => `${id},31337:${operation === 'add' ? 0 : -1}`).join('\n');
		file.split('\n').map((line) => line.split(','));
	}
	void BENCH_CONNECTORS;
	return (now() - started) / 1000;
}
