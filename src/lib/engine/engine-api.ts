import { messageOf } from '$lib/domain/message';
import { FaultSettingsSchema } from '$lib/domain/faults';
import { deliveryError, outcome } from '$lib/partners/adapter';
import { partnerById } from '$lib/partners/registry';
import { runExchange } from './exchange';
import type { ExchangeRequest } from './exchange';
import { logExchanges, maskSecrets } from './masking';
import { DAY_MS } from '$lib/domain/time';
import { sizeEstimate } from '$lib/sim/audiences';
import { Population } from '$lib/sim/population';
import type { AudienceEstimate, AudienceEstimateRequest, BenchmarkResult, EngineApi, LoggedExchange, TestConnectionRequest, TestConnectionResult } from './protocol';
import type { Transport } from './transport';
import { EngineService, type EngineServiceDeps } from './service';

/**
 * What the engine needs from its surroundings, as one object: the worker (engine.worker.ts) and
 * the test kit ($lib/testing) each supply theirs, and both the service and the API read it.
 */
export interface EngineDeps extends EngineServiceDeps {
	/** Runs the fixed benchmark workload (a database of its own; the workspace is untouched). */
	benchmark(): Promise<BenchmarkResult>;
	/** Real waiting, for a partner's Retry-After during Test connection. */
	sleep(ms: number): Promise<void>;
}

/**
 * Audience size estimates: from the running simulation's own population when this worker runs
 * the engine (so the estimate is what it would send), else from a population built like it
 * from the workspace's seed, kept for the day.
 */
function audienceEstimator() {
	let cached: { key: string; population: Population } | undefined;
	return (request: AudienceEstimateRequest, service: EngineService): AudienceEstimate => {
		const live = service.livePopulation();
		if (live) {
			return { members: sizeEstimate(request, live.population, live.now), populationSize: live.population.size, at: live.now };
		}
		const key = `${request.seed}:${request.populationSize}:${Math.floor(request.now / DAY_MS)}`;
		if (cached?.key !== key) cached = { key, population: new Population({ seed: request.seed, size: request.populationSize, now: request.now }) };
		return { members: sizeEstimate(request, cached.population, request.now), populationSize: request.populationSize, at: request.now };
	};
}

/** The engine's API as the worker exposes it, over the service built from the same deps. */
export function createEngineApi(deps: EngineDeps, service: EngineService = new EngineService(deps)): EngineApi {
	const estimator = audienceEstimator();
	return {
		open: (options) => service.open(options),
		start: () => service.start(),
		pause: () => service.pause(),
		step: (ms) => service.step(ms),
		setSpeed: (speed) => service.setSpeed(speed),
		setPopulation: (options) => service.setPopulation(options),
		setFaults: async (connectorId, faults) => deps.setFaults(connectorId, FaultSettingsSchema.parse(faults)),
		reset: () => service.reset(),
		generateHistory: (options) => service.generateHistory(options),
		cancelHistory: async () => service.cancelHistory(),
		subscribe: async (listener) => service.subscribe(listener),
		benchmark: () => deps.benchmark(),
		estimateAudience: async (request) => estimator(request, service),
		async testConnection(request: TestConnectionRequest): Promise<TestConnectionResult> {
			const partner = partnerById(request.partnerId);
			const records: ExchangeRequest[] = [];
			const exchanges: LoggedExchange[] = [];
			if (!partner) {
				return { ok: false, error: deliveryError('otherError', null, `"${request.partnerId}" is not a server-to-server partner.`), exchanges };
			}
			const config = partner.configSchema.safeParse(request.config);
			if (!config.success) {
				const problems = config.error.issues.map((issue) => `${issue.path.join('.') || 'configuration'}: ${issue.message}`);
				return { ok: false, error: deliveryError('otherError', null, `The configuration is not valid: ${problems.join(' ')}`), exchanges };
			}
			let transport: Transport;
			if (request.target === 'live') {
				transport = deps.liveTransport;
			} else {
				deps.setFaults(request.connectorId, FaultSettingsSchema.parse(request.faults));
				transport = await deps.mockTransport();
			}
			const secrets: string[] = [];
			try {
				const result = await runExchange(partner.adapter, partner.adapter.probe({ config: config.data, now: deps.wallClock() }, null), {
					connectorId: request.connectorId,
					timeoutMs: request.timeoutMs,
					transport,
					sleep: (ms) => deps.sleep(ms),
					onRequest: (record) => {
						secrets.push(...record.request.secrets);
						records.push(record);
					}
				});
				exchanges.push(...logExchanges(records));
				const { batchError, note } = result.outcome;
				if (batchError) return { ok: false, error: { ...batchError, message: maskSecrets(batchError.message, secrets) }, exchanges };
				return { ok: true, message: maskSecrets(note, secrets), exchanges };
			} catch (error) {
				// An adapter bug must still reach the user as a message, never a silent failure.
				const message = messageOf(error);
				exchanges.push(...logExchanges(records));
				return { ok: false, error: outcome.failed(deliveryError('otherError', null, maskSecrets(message, secrets))).batchError!, exchanges };
			}
		}
	};
}
