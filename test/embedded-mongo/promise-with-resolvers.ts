/**
 * nock 15 intercepts sockets through @mswjs/interceptors, which calls `Promise.withResolvers`
 * (Node >= 22); on Node 20 every intercepted TCP connection, loopback included, then fails with
 * "Promise.withResolvers is not a function". Test-only polyfill, imported by target.ts so these
 * tests do not depend on which other test file happened to load first.
 */
interface WithResolvers {
  withResolvers?: <T>() => { promise: Promise<T>; resolve: (v: T | PromiseLike<T>) => void; reject: (e: unknown) => void };
}
const P = Promise as unknown as WithResolvers;
if (typeof P.withResolvers !== 'function') {
  P.withResolvers = <T>() => {
    let resolve!: (v: T | PromiseLike<T>) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
export {};
