/**
 * Walking the meeting through its plans from the keyboard: J, → or Page Down
 * for the next plan; K, ← or Page Up for the previous one; Home for the
 * pack's overview and End for the last plan. Presentation clickers send
 * Page Down and Page Up, so the chair can hold one and stand away from the
 * laptop. Keys typed into a form field are the field's.
 */

const NEXT = new Set(['j', 'J', 'ArrowRight', 'PageDown']);
const PREVIOUS = new Set(['k', 'K', 'ArrowLeft', 'PageUp']);

export interface PlanStop {
  /** The plan's section. */
  readonly article: HTMLElement;
  /** Its heading, which takes the focus so a screen reader reads the plan from there. */
  readonly heading: HTMLElement;
  /** Its row in the overview, marked as the current one. */
  readonly row: HTMLElement;
  readonly name: string;
}

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export class PlanNavigation {
  /** -1: the pack's overview, above the first plan. */
  private current = -1;
  private movedAt = -Infinity;
  private readonly onKey = (event: KeyboardEvent) => this.handleKey(event);

  constructor(
    private readonly stops: readonly PlanStop[],
    private readonly overview: HTMLElement,
    private readonly announce: (text: string) => void,
    private readonly onChange: (index: number, total: number) => void,
  ) {}

  attach(): void {
    document.addEventListener('keydown', this.onKey);
    this.onChange(this.current, this.stops.length);
  }

  detach(): void {
    document.removeEventListener('keydown', this.onKey);
  }

  next(): void {
    this.goTo(Math.min(this.whereTheReaderIs() + 1, this.stops.length - 1));
  }

  previous(): void {
    this.goTo(Math.max(this.whereTheReaderIs() - 1, -1));
  }

  goTo(index: number): void {
    if (this.stops.length === 0) return;
    this.current = index;
    this.movedAt = performance.now();
    this.stops.forEach((stop, i) => {
      stop.article.classList.toggle('plan--current', i === index);
      if (i === index) stop.row.setAttribute('aria-current', 'true');
      else stop.row.removeAttribute('aria-current');
    });
    const stop = this.stops[index];
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (stop) {
      stop.article.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' });
      stop.heading.focus({ preventScroll: true });
      this.announce(`Plan ${index + 1} of ${this.stops.length}: ${stop.name}`);
    } else {
      // The overview is the top of the page: the masthead and the pack's choice with it.
      window.scrollTo({ top: 0, behavior: reduced ? 'auto' : 'smooth' });
      this.overview.focus({ preventScroll: true });
      this.announce('The pack’s overview');
    }
    this.onChange(index, this.stops.length);
  }

  /**
   * The plan on screen, which may not be the one last moved to: the chair may
   * have scrolled with the mouse since. The plan last moved to while it is
   * still in view (or still scrolling into it); else the last plan whose top
   * has passed the upper third of the window; else the overview.
   */
  private whereTheReaderIs(): number {
    if (performance.now() - this.movedAt < 1500) return this.current;
    const stop = this.stops[this.current];
    if (stop) {
      const { top, bottom } = stop.article.getBoundingClientRect();
      if (top < window.innerHeight / 2 && bottom > window.innerHeight / 5) return this.current;
    }
    const line = window.innerHeight / 3;
    let onScreen = -1;
    this.stops.forEach((s, i) => {
      if (s.article.getBoundingClientRect().top <= line) onScreen = i;
    });
    return onScreen;
  }

  private handleKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typingInto(event.target)) return;
    if (NEXT.has(event.key)) {
      event.preventDefault();
      this.next();
    } else if (PREVIOUS.has(event.key)) {
      event.preventDefault();
      this.previous();
    } else if (event.key === 'Home') {
      event.preventDefault();
      this.goTo(-1);
    } else if (event.key === 'End') {
      event.preventDefault();
      this.goTo(this.stops.length - 1);
    }
  }
}
