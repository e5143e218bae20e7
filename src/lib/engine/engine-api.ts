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
import type { EngineService } from './service';

/** What the engine needs from its surroundings; the worker and the tests supply their own. */
export interface EngineDeps {
	/** The partner mocks, loaded on first use (they are a large chunk). */
	mockTransport(): Promise<Transport>;
	liveTransport(): Transport;
	/** Sets the mock partners' fault knobs for a connector. */
	setFaults(connectorId: string, faults: TestConnectionRequest['faults']): Promise<void>;
	benchmark(): Promise<BenchmarkResult>;
	now(): number;
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

/** The engine's API as the worker exposes it. */
export function createEngineApi(deps: EngineDeps, service: EngineService): EngineApi {
	const estimator = audienceEstimator();
	return {
		open: (options) => service.open(options),
		start: () => service.start(),
		pause: () => service.pause(),
		step: (ms) => service.step(ms),
		setSpeed: (speed) => service.setSpeed(speed),
		setPopulation: (options) => service.setPopulation(options),
		setFaults: (connectorId, faults) => deps.setFaults(connectorId, FaultSettingsSchema.parse(faults)),
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
				transport = deps.liveTransport();
			} else {
				await deps.setFaults(request.connectorId, FaultSettingsSchema.parse(request.faults));
				transport = await deps.mockTransport();
			}
			const secrets: string[] = [];
			try {
				const result = await runExchange(partner.adapter, partner.adapter.probe({ config: config.data, now: deps.now() }, null), {
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
