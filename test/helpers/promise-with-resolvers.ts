/**
 * nock 15 intercepts `fetch` through @mswjs/interceptors, which needs Node ≥ 22 for
 * `Promise.withResolvers`; this project runs on Node 20, where every intercepted fetch
 * otherwise fails with "Promise.withResolvers is not a function". Test-only polyfill;
 * imported first by test/setup.ts so every test gets it.
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
