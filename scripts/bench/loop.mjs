// A loop of its own for every case: generated code, so that each case's call site has its own
// type feedback (closures made from one function literal would share theirs and turn the calls
// polymorphic, which no real caller sees). Inputs cycle through a pool (a power of two in size).

export const sink = { value: undefined };

/** A loop that calls `fn(inputs[i % inputs.length])` n times and keeps each result observable. */
export function loop(fn, inputs) {
  const mask = inputs.length - 1;
  if ((inputs.length & mask) !== 0) throw new Error("pool size must be a power of two");
  // eslint-disable-next-line no-new-func
  return new Function("fn", "inputs", "sink", `return function (n) { for (let i = 0; i < n; i++) sink.value = fn(inputs[i & ${mask}]); };`)(fn, inputs, sink);
}
