/**
 * HMAC-SHA256 (RFC 2104 over FIPS 180-4 SHA-256), synchronous and dependency-free, for the
 * Custom HTTP connector's body signature.
 *
 * Why not WebCrypto or hash-wasm: both are asynchronous to set up or to call, and an adapter's
 * begin()/advance() are synchronous pure functions (docs/decisions/0005). Bodies are at most a
 * few hundred kilobytes (1,000 profiles), which plain TypeScript hashes in a millisecond or two.
 * Checked against the FIPS 180-2 and RFC 4231 test vectors in tests/unit/partners/custom-http.test.ts.
 */

const K = new Uint32Array([
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
	0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
	0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);

const INITIAL = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

const BLOCK_BYTES = 64;

/** SHA-256 of the bytes, as 32 bytes. */
export function sha256(message: Uint8Array): Uint8Array {
	// Padding: a 1 bit, zeros, then the message length in bits as a 64-bit big-endian number.
	const paddedLength = Math.ceil((message.length + 9) / BLOCK_BYTES) * BLOCK_BYTES;
	const padded = new Uint8Array(paddedLength);
	padded.set(message);
	padded[message.length] = 0x80;
	const view = new DataView(padded.buffer);
	const bits = message.length * 8;
	view.setUint32(paddedLength - 8, Math.floor(bits / 0x1_0000_0000));
	view.setUint32(paddedLength - 4, bits >>> 0);

	const h = new Uint32Array(INITIAL);
	const w = new Uint32Array(64);
	for (let offset = 0; offset < paddedLength; offset += BLOCK_BYTES) {
		for (let t = 0; t < 16; t++) w[t] = view.getUint32(offset + t * 4);
		for (let t = 16; t < 64; t++) {
			const w15 = w[t - 15]!;
			const w2 = w[t - 2]!;
			const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
			const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
			w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
		}
		let a = h[0]!;
		let b = h[1]!;
		let c = h[2]!;
		let d = h[3]!;
		let e = h[4]!;
		let f = h[5]!;
		let g = h[6]!;
		let hh = h[7]!;
		for (let t = 0; t < 64; t++) {
			const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
			const choose = (e & f) ^ (~e & g);
			const temp1 = (hh + s1 + choose + K[t]! + w[t]!) >>> 0;
			const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
			const majority = (a & b) ^ (a & c) ^ (b & c);
			const temp2 = (s0 + majority) >>> 0;
			hh = g;
			g = f;
			f = e;
			e = (d + temp1) >>> 0;
			d = c;
			c = b;
			b = a;
			a = (temp1 + temp2) >>> 0;
		}
		h[0] = (h[0]! + a) >>> 0;
		h[1] = (h[1]! + b) >>> 0;
		h[2] = (h[2]! + c) >>> 0;
		h[3] = (h[3]! + d) >>> 0;
		h[4] = (h[4]! + e) >>> 0;
		h[5] = (h[5]! + f) >>> 0;
		h[6] = (h[6]! + g) >>> 0;
		h[7] = (h[7]! + hh) >>> 0;
	}
	const digest = new Uint8Array(32);
	const out = new DataView(digest.buffer);
	for (let i = 0; i < 8; i++) out.setUint32(i * 4, h[i]!);
	return digest;
}

function rotr(x: number, n: number): number {
	return (x >>> n) | (x << (32 - n));
}

const utf8 = new TextEncoder();

function bytesOf(value: Uint8Array | string): Uint8Array {
	return typeof value === 'string' ? utf8.encode(value) : value;
}

/** HMAC-SHA256 of a message under a key (strings are taken as their UTF-8 bytes), as 32 bytes. */
export function hmacSha256(key: Uint8Array | string, message: Uint8Array | string): Uint8Array {
	let keyBytes = bytesOf(key);
	// RFC 2104: a key longer than the block is hashed first; a shorter one is padded with zeros.
	if (keyBytes.length > BLOCK_BYTES) keyBytes = sha256(keyBytes);
	const block = new Uint8Array(BLOCK_BYTES);
	block.set(keyBytes);
	const messageBytes = bytesOf(message);
	const inner = new Uint8Array(BLOCK_BYTES + messageBytes.length);
	const outer = new Uint8Array(BLOCK_BYTES + 32);
	for (let i = 0; i < BLOCK_BYTES; i++) {
		inner[i] = block[i]! ^ 0x36;
		outer[i] = block[i]! ^ 0x5c;
	}
	inner.set(messageBytes, BLOCK_BYTES);
	outer.set(sha256(inner), BLOCK_BYTES);
	return sha256(outer);
}

/** Bytes as lower-case hexadecimal. */
export function toHex(bytes: Uint8Array): string {
	let hex = '';
	for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
	return hex;
}
