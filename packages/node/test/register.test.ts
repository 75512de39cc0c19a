/**
 * `import "@neterr/node/register"` installs the Node adapter into core. Core alone already maps
 * what Node throws (it carries Node's and undici's codes); the import adds the runtime's name and
 * platform. The tests run in order in this one file: first core alone (nothing installed), then
 * the import, then core again.
 */
import { describe, expect, it } from "vitest";
import { ConnectionResetError, isTransient, normalize, type OSError, toOSError } from "@neterr/core";
import { CORE_DIALECTS, createAdapter, installedAdapter } from "@neterr/core/adapter";

/** undici's SocketError: a library code, with the peer kept in its `socket`. */
const socketError = (): Error =>
  Object.assign(new Error("other side closed"), {
    name: "SocketError",
    code: "UND_ERR_SOCKET",
    socket: { remoteAddress: "127.0.0.1", remotePort: 8080 },
  });

describe("@neterr/node/register", () => {
  it("before the import, core alone maps UND_ERR_SOCKET as the adapter does, with no runtime name", () => {
    const native = socketError();
    expect(installedAdapter().runtime).toBeUndefined();
    for (const error of [normalize(native), toOSError(native), createAdapter({ dialects: CORE_DIALECTS }).normalize(native)] as OSError[]) {
      expect(error).toBeInstanceOf(ConnectionResetError);
      expect(error.cause).toBe(native);
      expect(error.address).toBe("127.0.0.1");
      expect(error.port).toBe(8080);
      expect(error.runtime).toBeUndefined();
    }
    expect(isTransient(native)).toBe(true);
  });

  it('after import("@neterr/node/register"), installedAdapter().runtime is "node"', async () => {
    await import("@neterr/node/register");
    expect(installedAdapter().runtime).toBe("node");
  });

  it("after the import, core's normalize() maps UND_ERR_SOCKET to ConnectionResetError", () => {
    const native = socketError();
    const error = normalize(native) as OSError;
    expect(error).toBeInstanceOf(ConnectionResetError);
    expect(error.cause).toBe(native);
    expect(error.code).toBe("UND_ERR_SOCKET");
    expect(error.address).toBe("127.0.0.1");
    expect(error.port).toBe(8080);
    expect(error.runtime).toBe("node");
    expect(error.message).toContain("other side closed");
    expect(toOSError(native)).toBeInstanceOf(ConnectionResetError);
    expect(isTransient(native)).toBe(true);
  });

  it("after the import, core's normalize() still maps POSIX codes, now with runtime node", () => {
    const native = Object.assign(new Error("read ECONNRESET"), { errno: -104, code: "ECONNRESET", syscall: "read" });
    const error = normalize(native) as OSError;
    expect(error).toBeInstanceOf(ConnectionResetError);
    expect(error.cause).toBe(native);
    expect(error.runtime).toBe("node");
  });
});
