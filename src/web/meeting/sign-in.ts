/**
 * Signing in with a bearer token, the only credential Casebook takes. In
 * development the server lists the demo partnership's tokens (the ones
 * `npm start` prints) at ./development-tokens.json; in production that list
 * is empty and people paste the token their identity provider gave them.
 *
 * The token is kept in this tab's sessionStorage: a reload keeps the meeting
 * going, and closing the tab on a hall's shared laptop forgets it.
 */
import { html } from './markup.js';

const STORAGE_KEY = 'casebook.meeting.token';

export interface DevelopmentToken {
  readonly name: string;
  readonly job: string;
  readonly agencyId: string;
  readonly role: string;
  readonly token: string;
}

export function rememberedToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberToken(token: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage refused (a locked-down browser): the sign-in lasts until the page is reloaded.
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was kept.
  }
}

export async function developmentTokens(): Promise<DevelopmentToken[]> {
  try {
    const response = await fetch('development-tokens.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return [];
    const listed = (await response.json()) as unknown;
    return Array.isArray(listed) ? (listed as DevelopmentToken[]) : [];
  } catch {
    return [];
  }
}

/** A bearer token as pasted: with or without "Bearer ", spaces and line breaks taken out. */
export function tokenFromPaste(pasted: string): string {
  return pasted.replace(/^\s*bearer\s+/i, '').replace(/\s+/g, '');
}

/** The demo people to choose from, by name, agency, role and job. */
export function developmentTokenChoice(tokens: readonly DevelopmentToken[]): HTMLOptionElement[] {
  return tokens.map((t, i) => html('option', { value: String(i) }, `${t.name}: ${t.agencyId} ${t.role} (${t.job})`));
}
