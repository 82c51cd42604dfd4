/**
 * `ContactMock` is an event emitter at run time, but its event typings
 * (typed-emitter) do not resolve under TypeScript 7; this is the one event
 * the tests listen to, typed by hand.
 */
export interface HeardMessage {
  talker(): { readonly id: string };
  text(): string;
}

export function onMessage(contact: unknown, listener: (m: HeardMessage) => void): void {
  (contact as { on(event: 'message', l: (m: HeardMessage) => void): void }).on('message', listener);
}
