/**
 * Which terminal-value method's figures a valuation reports. One rule for the engine (core's
 * Valuation), the API's summary of it and the web page that shows the summary.
 */
export type TerminalMethod = 'gordon' | 'exitMultiple';

interface ValuedByMethod<M> {
  primary: TerminalMethod;
  gordon: M;
  /** Null when the model gives no exit multiple. */
  exitMultipleMethod: M | null;
}

/** One method's value; the exit multiple's exists only when the model gives one (Gordon's otherwise). */
export const methodValueOf = <M>(v: ValuedByMethod<M>, method: TerminalMethod): M =>
  method === 'exitMultiple' && v.exitMultipleMethod ? v.exitMultipleMethod : v.gordon;

/** The value of the headline method, the one whose figures the valuation reports. */
export const headlineMethodValue = <M>(v: ValuedByMethod<M>): M => methodValueOf(v, v.primary);
