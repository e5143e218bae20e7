import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, LEADER_TIMEOUT_MS, LeaderElection, SETTLE_MS } from '$lib/state/leader-election';
import { FakeTimers } from './fakes';

/** Tabs of one workspace, electing over fake channels on one virtual clock. */
function tabs() {
	const timers = new FakeTimers();
	const leading = new Map<string, boolean>();
	const elections = new Map<string, LeaderElection>();
	// A frozen tab (a stalled page) neither hears messages nor runs timers, and sends nothing.
	const frozen = new Set<string>();
	const open = (id: string) => {
		const real = timers.hub.channel('election');
		const channel = {
			onmessage: null as ((event: MessageEvent) => void) | null,
			postMessage: (data: unknown) => real.postMessage(data),
			close: () => real.close()
		};
		real.onmessage = (event) => {
			if (!frozen.has(id)) channel.onmessage?.(event);
		};
		const tabTimers = {
			setTimeout: (callback: () => void, ms: number) => timers.setTimeout(() => frozen.has(id) || callback(), ms),
			clearTimeout: timers.clearTimeout
		};
		const election = new LeaderElection({ id, channel, timers: tabTimers, onChange: (l) => leading.set(id, l) });
		elections.set(id, election);
		election.start();
		return election;
	};
	const leaders = () => [...leading].filter(([, l]) => l).map(([id]) => id).sort();
	return { timers, open, leaders, elections, frozen };
}

describe('electing the engine tab without Web Locks', () => {
	it('makes a lone tab the leader after the settling time', () => {
		const { timers, open, leaders } = tabs();
		const a = open('a');
		expect(a.state).toBe('claiming');
		timers.advance(SETTLE_MS);
		expect(leaders()).toEqual(['a']);
	});

	it('has a tab opened later follow the leader at once, never leading itself', () => {
		const { timers, open, leaders } = tabs();
		open('b');
		timers.advance(SETTLE_MS);
		const late = open('a'); // a smaller id, but the leader is there already
		timers.advance(0);
		expect(late.state).toBe('following');
		expect(late.leader).toBe('b');
		timers.advance(10 * LEADER_TIMEOUT_MS);
		expect(leaders()).toEqual(['b']);
	});

	it('breaks a tie between tabs opening at once the same way in every tab: the smallest id leads', () => {
		for (const order of [['c', 'a', 'b'], ['b', 'c', 'a'], ['a', 'b', 'c']]) {
			const { timers, open, leaders, elections } = tabs();
			for (const id of order) open(id);
			timers.advance(SETTLE_MS);
			expect(leaders()).toEqual(['a']);
			timers.advance(HEARTBEAT_MS);
			expect([...elections.values()].map((e) => e.leader)).toEqual(['a', 'a', 'a']);
		}
	});

	it("settles a tab that opens during another tab's settling time too", () => {
		const { timers, open, leaders } = tabs();
		open('b');
		timers.advance(SETTLE_MS / 2);
		open('a');
		timers.advance(SETTLE_MS * 2);
		expect(leaders()).toEqual(['a']);
	});

	it('replaces a leader that goes away (pagehide) at once, and one that falls silent after the timeout', () => {
		const context = tabs();
		const { timers, open, leaders, elections } = context;
		open('a');
		timers.advance(SETTLE_MS);
		open('b');
		open('c');
		timers.advance(HEARTBEAT_MS);
		elections.get('a')!.stop();
		timers.advance(SETTLE_MS);
		expect(leaders()).toEqual(['b']);

		// b's page stalls: no heartbeat, no answer. c takes over after the timeout, not before.
		const { frozen } = context;
		frozen.add('b');
		timers.advance(LEADER_TIMEOUT_MS - 1);
		expect(elections.get('c')!.state).toBe('following');
		timers.advance(1 + SETTLE_MS);
		expect(elections.get('c')!.state).toBe('leading');

		// b wakes up still thinking it leads: the later term wins, and b steps down.
		frozen.delete('b');
		timers.advance(HEARTBEAT_MS);
		expect(leaders()).toEqual(['c']);
		expect(elections.get('b')!.leader).toBe('c');
	});
});
