// Where normalize's time goes, step by step, in this runtime: (1) the pass-through of a
// non-network error (a RangeError), against is-network-error on the same input; (2) a real
// native failure: the walk that finds what it is, against build() and create() that make the
// neterr error. The steps are core's own functions where core exports them (from dist, without
// changing src), including mapper.ts's fieldsOf, and a copy of the walk's bookkeeping.
import isNetworkErrorPkg from "is-network-error";
import { build } from "../../packages/core/dist/build.js";
import { classOf } from "../../packages/core/dist/classes.js";
import { isOSError } from "../../packages/core/dist/errors.js";
import { fieldsOf } from "../../packages/core/dist/mapper.js";
import { create } from "../../packages/core/dist/stack.js";
import { matching, tablesOf } from "../../packages/core/dist/tables.js";
import { isObject, read } from "../../packages/core/dist/util.js";
import { provoke, runtime } from "./env.mjs";
import { measure } from "./harness.mjs";
import { loop } from "./loop.mjs";

const POOL = 64;


/** ECMAScript's error classes that no runtime or library in core's tables throws for a network failure. */
const NOT_NETWORK = new Set(["RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError"]);
function builtinName(x, cause) {
  try {
    if (!NOT_NETWORK.has(x.name)) return false;
    if (!cause) return true;
    const c = x.cause;
    return c === null || (typeof c !== "object" && typeof c !== "function");
  } catch {
    return false;
  }
}

export async function steps({ rounds, sampleMs }) {
  const adapterModule = await import(`@neterr/${runtime}`);
  const { normalize } = adapterModule;
  const spec = adapterModule[`${runtime.toUpperCase()}_SPEC`];
  const tables = tablesOf(spec);
  const plain = Array.from({ length: POOL }, (_, i) => new RangeError(`index ${i} out of range`));
  const plainFields = plain.map(fieldsOf);
  const plainObjects = plain.map((x) => ({ name: x.name, message: x.message }));
  const pairs = plain.map((x, i) => [x, plainFields[i]]);
  const { connects: natives } = await provoke(POOL);
  // What the walk found for each native (class and code), to call build() and create() directly.
  const built = natives.map((native) => {
    const mapped = normalize(native);
    const fields = fieldsOf(native);
    const init = { cause: native };
    for (const k of ["code", "errno", "strerror", "syscall", "address", "port", "path", "hostname", "runtime", "errors"]) init[k] = mapped[k];
    return { native, fields, match: { kind: mapped.name, code: mapped.code }, Class: classOf(mapped.name), message: mapped.message, init };
  });

  const before = tables.before;
  const after = tables.after;
  const followed = (follow, node, fields) => {
    if (follow.when !== undefined && (fields.name !== undefined || read(node, follow.when.field) !== follow.when.equals)) return undefined;
    const next = read(node, follow.field);
    return isObject(next) ? next : undefined;
  };

  const table = {
    "empty call": loop(() => {}, plain),
    "is-network-error(RangeError)": loop(isNetworkErrorPkg, plain),
    "normalize(RangeError)": loop(normalize, plain),
    "step: walk bookkeeping (walk object, path includes/push/pop)": loop((x) => {
      const walk = { tables, path: [], done: undefined, budget: 1024 };
      if (walk.path.includes(x) || --walk.budget < 0) return 0;
      walk.path.push(x);
      walk.path.pop();
      return walk;
    }, plain),
    "step: isOSError(x) (brand read through the prototype chain)": loop(isOSError, plain),
    "step: fieldsOf(x) (9 guarded reads, one object)": loop(fieldsOf, plain),
    "step: follows (ErrorEvent's error, then cause)": loop(([x, f]) => {
      for (let k = 0; k < before.length; k++) if (followed(before[k], x, f)) return 1;
      for (let k = 0; k < after.length; k++) if (followed(after[k], x, f)) return 2;
      return 0;
    }, pairs),
    "step: classify without the message regex": loop(([x, f]) => {
      const named = f.name !== undefined && tables.classes[f.name]?.row !== undefined;
      if (named) return 1;
      const errors = read(x, "errors");
      if (Array.isArray(errors)) return 2;
      if (f.code !== undefined) return 3;
      if (f.errno !== undefined) return 4;
      if (f.message?.includes("(os error ")) return 5;
      if (f.name === "TimeoutError" || f.name === "AbortError") return 6;
      return 0;
    }, pairs),
    "step: matching(tables.messages) (the message regex)": loop(([, f]) => matching(tables.messages, f), pairs),
    // normalize(RangeError) above is the screen (mapper.ts, screenOf): a few reads, no walk. Below,
    // a floor no sound screen reaches: one read of the name (it would miss a RangeError carrying a code).
    "proposal: exit on a built-in non-network class name (1 read)": loop((x) => builtinName(x, false), plain),
    "proposal: the same, and follow a cause (2 reads)": loop((x) => builtinName(x, true), plain),
    // What one property read costs on an Error instance (JavaScriptCore answers reads of an
    // Error's own properties in C++, where it may materialize the error's lazy fields), against
    // the same reads on a plain object of the same fields.
    "read: x.code (absent) on a RangeError": loop((x) => x.code, plain),
    "read: x.message (present) on a RangeError": loop((x) => x.message, plain),
    "read: o.code (absent) on a plain object": loop((x) => x.code, plainObjects),
    "read: o.message (present) on a plain object": loop((x) => x.message, plainObjects),
    'new Error("x")': loop((m) => new Error(m), Array.from({ length: POOL }, () => "x")),
    "normalize(native)": loop(normalize, natives),
    "native: fieldsOf(native)": loop(fieldsOf, natives),
    "native: build() (locate, errno, create)": loop((b) => build(tables, b.native, b.native, b.match, b.fields, undefined, undefined), built),
    "native: create() alone": loop((b) => create(b.Class, b.message, b.init), built),
  };
  return { steps: measure(table, { rounds, sampleMs }) };
}
