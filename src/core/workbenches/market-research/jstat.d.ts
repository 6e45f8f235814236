/** The few jStat functions the market-research engine uses (jstat 1.9.6 ships no types). */
declare module 'jstat' {
  interface JStat {
    normal: { inv(p: number, mean: number, sd: number): number };
    studentt: { cdf(x: number, dof: number): number };
    chisquare: { cdf(x: number, dof: number): number };
    gammaln(x: number): number;
  }
  const jStat: JStat;
  export default jStat;
}
