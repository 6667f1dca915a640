/**
 * A small decider used to test the machinery (command handling, projections)
 * apart from any one domain: a neighbourhood noticeboard that holds at most
 * three notices and cannot be posted to by an auditor.
 */
import type { StreamKind } from '../../src/app/command-handler.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';

export type NoticeCommand = { type: 'PostNotice'; text: string } | { type: 'TakeDownNotice'; text: string } | { type: 'Touch' };
export type NoticeEvent = { type: 'NoticePosted'; text: string; by: string } | { type: 'NoticeTakenDown'; text: string };
export interface NoticeState {
  notices: string[];
}

export const noticeboard: StreamKind<NoticeCommand, NoticeEvent, NoticeState> = {
  schemaVersion: 1,
  decider: {
    initialState: () => ({ notices: [] }),
    evolve(state, event) {
      switch (event.type) {
        case 'NoticePosted':
          return { notices: [...state.notices, event.text] };
        case 'NoticeTakenDown':
          return { notices: state.notices.filter((n) => n !== event.text) };
        default:
          return state;
      }
    },
    decide(command, state, ctx) {
      if (ctx.actor.roles.every((r) => r === 'auditor')) throw new DomainError('AUDITOR_READ_ONLY', 'Auditors change nothing.');
      switch (command.type) {
        case 'PostNotice':
          if (state.notices.length >= 3) throw new DomainError('NOTICEBOARD_FULL', 'The noticeboard holds three notices.');
          return [{ type: 'NoticePosted', text: command.text, by: ctx.actor.userId }];
        case 'TakeDownNotice':
          return state.notices.includes(command.text) ? [{ type: 'NoticeTakenDown', text: command.text }] : [];
        case 'Touch':
          return [];
      }
    },
  },
};
