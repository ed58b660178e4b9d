package dev.tau.deploy.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MemorySection;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a WebAssembly module in Chicory's pure-Java interpreter with nothing from the host: no WASI,
 * no files, no network, no clock. Every imported function is bound to a stub that traps ({@code
 * host capability not granted}), imported memories are fresh and empty, and the run is bounded in
 * instructions, wall-clock time and memory pages. The module is instantiated (which runs its start
 * section) and its {@code _start} export, when it has one, is called.
 */
public final class WasmSandbox {
  /** The export the smoke run calls (the WASI command convention). */
  public static final String START_EXPORT = "_start";

  /** The limits of one run. */
  public record Limits(long maxInstructions, Duration timeout, int maxMemoryPages) {
    public Limits {
      Objects.requireNonNull(timeout, "timeout");
      if (maxInstructions <= 0 || maxMemoryPages <= 0 || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("sandbox limits must be positive");
      }
    }

    /** 50 million instructions, 5 seconds, 256 pages (16 MiB). */
    public static Limits defaults() {
      return new Limits(50_000_000, Duration.ofSeconds(5), 256);
    }
  }

  /** How a run ended. */
  public record Outcome(boolean passed, boolean ranStartExport, long instructions, String detail) {}

  private final Limits limits;

  public WasmSandbox(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Runs {@code bytes}; never throws for a misbehaving module, the outcome says why it failed. */
  public Outcome run(byte[] bytes) throws InterruptedException {
    AtomicReference<Outcome> result = new AtomicReference<>();
    Budget budget =
        new Budget(limits.maxInstructions(), System.nanoTime() + limits.timeout().toNanos());
    Thread worker =
        Thread.ofVirtual().name("wasm-sandbox").start(() -> result.set(runIn(bytes, budget)));
    // the budget stops the interpreter itself; the join bound only guards a stuck host call
    if (!worker.join(limits.timeout().plusSeconds(2))) {
      budget.cancel();
      worker.interrupt();
      return new Outcome(
          false, false, budget.used(), "timed out after " + limits.timeout().toMillis() + " ms");
    }
    return result.get();
  }

  private Outcome runIn(byte[] bytes, Budget budget) {
    WasmModule module;
    try {
      module = Parser.parse(bytes);
    } catch (RuntimeException e) {
      return new Outcome(false, false, 0, "invalid module: " + message(e));
    }
    MemorySection memories = module.memorySection().orElse(null);
    if (memories != null) {
      for (int i = 0; i < memories.memoryCount(); i++) {
        int initial = memories.getMemory(i).limits().initialPages();
        if (initial > limits.maxMemoryPages()) {
          return new Outcome(
              false,
              false,
              0,
              "memory needs " + initial + " pages, the sandbox allows " + limits.maxMemoryPages());
        }
      }
    }
    ImportValues.Builder imports = ImportValues.builder();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      switch (imp) {
        case FunctionImport f -> {
          String name = f.module() + "." + f.name();
          imports.addFunction(
              new HostFunction(
                  f.module(),
                  f.name(),
                  module.typeSection().getType(f.typeIndex()),
                  (instance, args) -> {
                    throw new TrapException("host capability not granted: " + name);
                  }));
        }
        case MemoryImport m -> {
          if (m.limits().initialPages() > limits.maxMemoryPages()) {
            return new Outcome(
                false,
                false,
                0,
                "imported memory " + m.module() + "." + m.name() + " is too large");
          }
          imports.addMemory(
              new ImportMemory(m.module(), m.name(), new ByteArrayMemory(capped(m.limits()))));
        }
        default -> {
          return new Outcome(
              false,
              false,
              0,
              "the sandbox cannot provide the "
                  + imp.importType().name().toLowerCase(Locale.ROOT)
                  + " import "
                  + imp.module()
                  + "."
                  + imp.name());
        }
      }
    }
    boolean ranStart = false;
    try {
      Instance instance =
          Instance.builder(module)
              .withImportValues(imports.build())
              .withMemoryFactory(l -> new ByteArrayMemory(capped(l)))
              .withUnsafeExecutionListener((instruction, stack) -> budget.spend())
              .build();
      if (hasExport(module, START_EXPORT)) {
        ExportFunction start = instance.export(START_EXPORT);
        ranStart = true;
        start.apply();
      }
    } catch (BudgetExceeded e) {
      return new Outcome(false, ranStart, budget.used(), e.getMessage());
    } catch (ChicoryException | StackOverflowError e) {
      return new Outcome(false, ranStart, budget.used(), "trapped: " + message(e));
    } catch (RuntimeException e) {
      return new Outcome(false, ranStart, budget.used(), "failed: " + message(e));
    }
    return new Outcome(
        true,
        ranStart,
        budget.used(),
        ranStart
            ? "instantiated, " + START_EXPORT + " returned"
            : "instantiated, no " + START_EXPORT + " export");
  }

  private MemoryLimits capped(MemoryLimits declared) {
    int max = Math.min(declared.maximumPages(), limits.maxMemoryPages());
    return new MemoryLimits(Math.min(declared.initialPages(), max), max);
  }

  private static boolean hasExport(WasmModule module, String name) {
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      if (module.exportSection().getExport(i).name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Counts instructions and watches the deadline from inside the interpreter loop. */
  private static final class Budget {
    private final long maxInstructions;
    private final long deadlineNanos;
    private long used;
    private volatile boolean cancelled;

    Budget(long maxInstructions, long deadlineNanos) {
      this.maxInstructions = maxInstructions;
      this.deadlineNanos = deadlineNanos;
    }

    void spend() {
      used++;
      if (used > maxInstructions) {
        throw new BudgetExceeded("instruction budget of " + maxInstructions + " exhausted");
      }
      if ((used & 0xfff) == 0 && (cancelled || System.nanoTime() > deadlineNanos)) {
        throw new BudgetExceeded("time budget exhausted");
      }
    }

    long used() {
      return used;
    }

    void cancel() {
      cancelled = true;
    }
  }

  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded(String message) {
      super(message, null, false, false);
    }
  }
}
