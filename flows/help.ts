/**
 * 帮助 and greetings: what the bot can do for this person (by role).
 */
import { reply, type Flow } from './flow.js';
import * as w from './wording.js';

export const helpFlow: Flow<null> = {
  name: 'help',
  intents: ['help', 'greeting'],
  loadFacts: async () => null,
  start: (state, turn) => ({ state, actions: [reply(turn, turn.nlu.intent === 'greeting' ? w.greeting(turn.employee) : w.help(turn.employee))] }),
};
