// Why normalize costs what it costs: ways to build a neterr error (a subclass of Error) without
// capturing a stack, each timed against `new Error("x")` in this runtime, and checked against
// what core builds today (packages/core/src/stack.ts `create`) for what it breaks. Nothing here
// changes core: the alternatives are built beside it, on its real classes (or on "lean" copies
// of them, where the alternative is a different class layout).
import { inspect } from "node:util";
import { ConnectionError, ConnectionRefusedError, isNetworkError, OSError } from "@neterr/core";
import { create } from "../../packages/core/dist/stack.js";
import { provoke, runtime } from "./env.mjs";
import { measure } from "./harness.mjs";
import { loop } from "./loop.mjs";

const POOL = 64;
const BRAND = Symbol.for("@neterr/core/kinds");
const FIELDS = ["code", "errno", "strerror", "syscall", "address", "port", "path", "hostname", "runtime", "errors"];
/** The lazy `stack` accessor that core puts on OSError.prototype (derives the stack from the cause). */
const STACK = Object.getOwnPropertyDescriptor(OSError.prototype, "stack");
const Limit = Error;

/** What core's deriveStack makes, computed eagerly (reads the native stack). */
function derived(name, message, cause) {
  const head = `${name}: ${message}`;
  if (cause === null || typeof cause !== "object" || !Object.hasOwn(cause, "stack") || typeof cause.stack !== "string") return head;
  const nativeHead = `${typeof cause.name === "string" ? cause.name : "Error"}: ${typeof cause.message === "string" ? cause.message : ""}`;
  return head + (cause.stack.startsWith(nativeHead) ? cause.stack.slice(nativeHead.length) : `\n${cause.stack}`);
}

// "Lean" classes: what a restructured core could look like. No class fields (`name` lives on the
// prototype, as on Error.prototype; the ten fields are assigned once, in the constructor), the
// same brand, toJSON and lazy stack accessor as core's prototypes, so instanceof and JSON agree.
// Named as core's classes are, so that inspect prints the same constructor name.
const { OSError: LeanOSError } = {
  OSError: class extends Error {
    constructor(message, init) {
      super(message, { cause: init.cause });
      this.code = init.code;
      this.errno = init.errno;
      this.strerror = init.strerror;
      this.syscall = init.syscall;
      this.address = init.address;
      this.port = init.port;
      this.path = init.path;
      this.hostname = init.hostname;
      this.runtime = init.runtime;
      this.errors = init.errors;
    }
  },
};
const { ConnectionError: LeanConnectionError } = { ConnectionError: class extends LeanOSError {} };
const { ConnectionRefusedError: LeanConnectionRefusedError } = { ConnectionRefusedError: class extends LeanConnectionError {} };
for (const [Class, kinds] of [
  [LeanOSError, ["OSError"]],
  [LeanConnectionError, ["ConnectionError", "OSError"]],
  [LeanConnectionRefusedError, ["ConnectionRefusedError", "ConnectionError", "OSError"]],
]) {
  Object.defineProperty(Class.prototype, "name", { value: kinds[0], writable: true, configurable: true, enumerable: false });
  Object.defineProperty(Class.prototype, BRAND, { value: Object.freeze(kinds) });
}
Object.defineProperty(LeanOSError.prototype, "stack", STACK);
// The same lean classes, but with core's class-field declarations back (`name` at every level,
// the ten fields declared): isolates what the fields' define semantics cost.
const { OSError: FieldsOSError } = {
  OSError: class extends LeanOSError {
    name = "OSError";
    code;
    errno;
    strerror;
    syscall;
    address;
    port;
    path;
    hostname;
    runtime;
    errors;
    constructor(message, init) {
      super(message, init);
      this.code = init.code;
      this.errno = init.errno;
      this.strerror = init.strerror;
      this.syscall = init.syscall;
      this.address = init.address;
      this.port = init.port;
      this.path = init.path;
      this.hostname = init.hostname;
      this.runtime = init.runtime;
      this.errors = init.errors;
    }
  },
};
const { ConnectionError: FieldsConnectionError } = { ConnectionError: class extends FieldsOSError { name = "ConnectionError"; } };
const { ConnectionRefusedError: FieldsConnectionRefusedError } = { ConnectionRefusedError: class extends FieldsConnectionError { name = "ConnectionRefusedError"; } };
for (const [Class, kinds] of [
  [FieldsOSError, ["OSError"]],
  [FieldsConnectionError, ["ConnectionError", "OSError"]],
  [FieldsConnectionRefusedError, ["ConnectionRefusedError", "ConnectionError", "OSError"]],
]) {
  Object.defineProperty(Class.prototype, BRAND, { value: Object.freeze(kinds) });
}
Object.defineProperty(LeanOSError.prototype, "toJSON", { value: OSError.prototype.toJSON, writable: true, configurable: true });

/** Runs `build` with Error.stackTraceLimit at 0 (as core's create does, with the same guards). */
function limited(build) {
  const limit = Limit.stackTraceLimit;
  Limit.stackTraceLimit = 0;
  try {
    return build();
  } finally {
    Limit.stackTraceLimit = limit;
  }
}
const own = (e) => {
  Object.defineProperty(e, "stack", STACK);
  return e;
};
const assignFields = (e, init) => {
  for (const key of FIELDS) e[key] = init[key];
  return e;
};
/** Object.create, fields by assignment (message and cause enumerable, unlike Error's). */
function created(proto, name, message, init) {
  const e = Object.create(proto);
  e.message = message;
  e.cause = init.cause;
  e.name = name;
  return assignFields(e, init);
}
/** Object.create, message and cause defined as Error defines them (not enumerable). */
function createdExact(proto, name, message, init) {
  const e = Object.create(proto);
  Object.defineProperty(e, "message", { value: message, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(e, "cause", { value: init.cause, writable: true, configurable: true, enumerable: false });
  e.name = name;
  return assignFields(e, init);
}
function reflected(message, init) {
  const e = Reflect.construct(Error, [message, { cause: init.cause }], ConnectionRefusedError);
  e.name = "ConnectionRefusedError";
  return assignFields(e, init);
}
const NAME = "ConnectionRefusedError";
const TEMPLATE = limited(() => new Error(""));

/** Each alternative: how it builds (message, init), one line on what it is. */
export const ALTERNATIVES = {
  "core create() today: limit 0, new Class, delete stack": (m, i) => create(ConnectionRefusedError, m, i),
  "new Class, stack untouched (captures its own stack)": (m, i) => new ConnectionRefusedError(m, i),
  "new Class, delete stack (capture, then drop it)": (m, i) => {
    const e = new ConnectionRefusedError(m, i);
    delete e.stack;
    return e;
  },
  "limit 0, new Class, stack untouched": (m, i) => limited(() => new ConnectionRefusedError(m, i)),
  "limit 0, new Class, defineProperty own lazy accessor": (m, i) => own(limited(() => new ConnectionRefusedError(m, i))),
  "limit 0, new Class, defineProperty stack value (eager)": (m, i) => {
    const e = limited(() => new ConnectionRefusedError(m, i));
    Object.defineProperty(e, "stack", { value: derived(NAME, m, i.cause), writable: true, configurable: true, enumerable: false });
    return e;
  },
  "limit 0, new Class, stack = value (assignment, eager)": (m, i) => {
    const e = limited(() => new ConnectionRefusedError(m, i));
    e.stack = derived(NAME, m, i.cause);
    return e;
  },
  "limit 0, Reflect.construct(Error, .., Class) + fields, delete stack": (m, i) => {
    const e = limited(() => reflected(m, i));
    delete e.stack;
    return e;
  },
  "limit 0, Reflect.construct(Error, .., Class) + fields, own accessor": (m, i) => own(limited(() => reflected(m, i))),
  "lean class: limit 0, new, delete stack": (m, i) => {
    const e = limited(() => new LeanConnectionRefusedError(m, i));
    delete e.stack;
    return e;
  },
  "lean class: limit 0, new, own accessor": (m, i) => own(limited(() => new LeanConnectionRefusedError(m, i))),
  "lean class: limit 0, new, stack untouched": (m, i) => limited(() => new LeanConnectionRefusedError(m, i)),
  "lean class + core's field declarations: limit 0, new, delete stack": (m, i) => {
    const e = limited(() => new FieldsConnectionRefusedError(m, i));
    delete e.stack;
    return e;
  },
  "lean class: new, stack untouched (captures)": (m, i) => new LeanConnectionRefusedError(m, i),
  "Object.create(Class.prototype) + fields (assignment)": (m, i) => created(ConnectionRefusedError.prototype, NAME, m, i),
  "Object.create(Class.prototype) + message/cause as Error has them": (m, i) => createdExact(ConnectionRefusedError.prototype, NAME, m, i),
  "structuredClone(template Error) + setPrototypeOf + fields, delete stack": (m, i) => {
    const e = structuredClone(TEMPLATE); // a real Error, deserialized: no stack captured
    Object.setPrototypeOf(e, ConnectionRefusedError.prototype);
    e.message = m;
    Object.defineProperty(e, "cause", { value: i.cause, writable: true, configurable: true, enumerable: false });
    e.name = NAME;
    assignFields(e, i);
    delete e.stack;
    return e;
  },
  "Object.create + Error.captureStackTrace(o) (limit 0)": (m, i) => {
    const e = created(ConnectionRefusedError.prototype, NAME, m, i);
    limited(() => Error.captureStackTrace(e));
    return e;
  },
};

const deeper = (k, f) => (k === 0 ? f() : deeper(k - 1, f));

/** Parts of the cost, to read the table with. */
const PARTS = {
  "part: lower and restore Error.stackTraceLimit only": (m) => limited(() => m),
  "part: plain object literal with the same 13 fields": (m, i) => ({ message: m, cause: i.cause, name: NAME, code: i.code, errno: i.errno, strerror: i.strerror, syscall: i.syscall, address: i.address, port: i.port, path: i.path, hostname: i.hostname, runtime: i.runtime, errors: i.errors }),
  "part: new Error(m) then read .stack (formatting a fresh stack)": (m) => new Error(m).stack,
  "part: new Error(m), 20 frames deeper": (m) => deeper(20, () => new Error(m)),
  "part: limit 0, new Error(m), 20 frames deeper": (m) => deeper(20, () => limited(() => new Error(m))),
  "part: limit 0, new Error(m), delete stack": (m) => {
    const e = limited(() => new Error(m));
    delete e.stack;
    return e;
  },
};

const RUNTIME_INSPECT = typeof Deno !== "undefined" ? Deno.inspect : typeof Bun !== "undefined" ? Bun.inspect : undefined;

function cloneSummary(e) {
  try {
    const c = structuredClone(e);
    const isError = Object.prototype.toString.call(c) === "[object Error]";
    return `${isError ? "Error" : "object"} name=${c.name} message=${c.message === e.message} keys=${Object.keys(c).join(",")}`;
  } catch (error) {
    return `throws ${error?.name}`;
  }
}

/** What each check sees on a freshly built error (fresh for every check: reading .stack caches). */
const CHECKS = {
  "Error.isError": (e) => (typeof Error.isError === "function" ? String(Error.isError(e)) : "n/a"),
  "Object.prototype.toString": (e) => Object.prototype.toString.call(e),
  instanceof: (e) => `${e instanceof ConnectionRefusedError} ${e instanceof ConnectionError} ${e instanceof OSError} ${e instanceof Error}`,
  fields: (e, native) => JSON.stringify([e.name, e.message, e.cause === native, e.code, e.errno, e.port, e.runtime]),
  stack: (e) => String(e.stack),
  "util.inspect": (e) => inspect(e),
  "console.log": (e) => (RUNTIME_INSPECT ? RUNTIME_INSPECT(e) : inspect(e)),
  structuredClone: cloneSummary,
  "JSON.stringify": (e) => JSON.stringify(e),
  "own keys": (e) => Reflect.ownKeys(e).map(String).join(","),
  "isNetworkError": (e) => String(isNetworkError(e)),
};

/** The checks where `make` differs from core's create (what the alternative breaks). */
function breaks(make, message, init) {
  const reference = ALTERNATIVES["core create() today: limit 0, new Class, delete stack"];
  const differs = [];
  for (const [check, see] of Object.entries(CHECKS)) {
    let mine;
    let theirs;
    try {
      mine = see(make(message, init), init.cause);
    } catch (error) {
      mine = `throws ${error}`;
    }
    theirs = see(reference(message, init), init.cause);
    if (mine === theirs) continue;
    if (check === "stack" && !mine.includes("\n") && theirs.includes("\n")) differs.push("stack (no native frames)");
    else if (check === "stack") differs.push("stack (its own frames)");
    else if (check === "own keys") {
      const a = new Set(mine.split(",")), b = new Set(theirs.split(","));
      const diff = [...[...a].filter((k) => !b.has(k)).map((k) => `+${k}`), ...[...b].filter((k) => !a.has(k)).map((k) => `-${k}`)];
      differs.push(`own keys ${diff.length ? diff.join(" ") : "(order)"}`);
    } else differs.push(check);
  }
  return differs;
}

export async function alternatives({ rounds, sampleMs }) {
  const { normalize } = await import(`@neterr/${runtime}`);
  const { connects } = await provoke(POOL);
  // The init core's build() passes for these natives: take it from the mapped errors.
  const inits = connects.map((native) => {
    const mapped = normalize(native);
    return { cause: native, ...Object.fromEntries(FIELDS.map((k) => [k, mapped[k]])) };
  });
  const args = inits.map((init) => [init.cause.message, init]);
  for (const native of connects) void native.stack; // formatted once, as any logger would
  const xs = Array.from({ length: POOL }, () => "x");
  const table = { 'new Error("x")': loop((m) => new Error(m), xs) };
  for (const [name, make] of Object.entries({ ...ALTERNATIVES, ...PARTS })) table[name] = loop((a) => make(a[0], a[1]), args);
  const samples = measure(table, { rounds, sampleMs });
  const broken = {};
  for (const [name, make] of Object.entries(ALTERNATIVES)) broken[name] = breaks(make, args[0][0], args[0][1]);
  return { alternatives: samples, breaks: broken, errorIsError: typeof Error.isError === "function" };
}
