package org.hyplab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.hyplab.board.BoardDescription;
import org.hyplab.debug.Breakpoint;
import org.hyplab.debug.Debugger;
import org.hyplab.debug.Goal;
import org.hyplab.debug.Image;
import org.hyplab.debug.RunToEvent;
import org.hyplab.debug.Images;
import org.hyplab.debug.Space;
import org.hyplab.debug.StopReason;
import org.hyplab.debug.Watchpoint;
import org.hyplab.elf.ElfException;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.LoadException;
import org.hyplab.machine.Machine;
import org.hyplab.machine.Snapshot;
import org.hyplab.scenario.Domain;
import org.hyplab.scenario.Guest;
import org.hyplab.scenario.GuestCatalog;
import org.hyplab.scenario.Scenario;
import org.hyplab.scenario.ScenarioException;
import org.hyplab.trace.MachineEvent;

/**
 * One user's machine in the Lab: a scenario booted (the teaching hypervisor and its guests on a
 * board), a {@link Debugger} over it, its consoles, and the controls the UI offers. Controls
 * return at once; the machine runs on the shared {@link LabWorker} and the session tells its
 * listeners how it goes ({@link SessionStatus}), at most every 100 ms while it runs.
 *
 * <p>Thread-safe: the worker runs slices under the session's lock, and the UI reads the
 * machine through {@link #read}, under the same lock, between slices.
 */
public final class LabSession {

    /** How many checkpoints a session keeps (older ones are thinned out). */
    static final int CHECKPOINTS = 48;

    /** The machine, the trace's length and the consoles' at one moment. */
    private record Checkpoint(Snapshot snapshot, long events, long time, Consoles.Mark consoles) {
    }

    /** The trap timeline's ring: the newest events kept. */
    static final int TRACE_CAPACITY = 200_000;
    static final long PUBLISH_NANOS = 100_000_000L;

    private static final System.Logger LOG = System.getLogger(LabSession.class.getName());

    private final Path root;
    private final Path armDir;
    private final BoardDescription board;
    private final LabScenario scenario;
    private final LabWorker worker;
    private final List<Consumer<SessionStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    // Guarded by lock.
    private Debugger debugger;
    private Consoles consoles;
    private SessionInput input;
    private boolean running;
    private boolean scheduled;
    private boolean waitingForInput;
    private String control = "";
    private StopReason lastStop;
    private long sliceBudget = 100_000;
    private long version;
    private long lastPublish;

    /** Saved moments to go back to, oldest first: one at boot, one at each stop. */
    private final List<Checkpoint> checkpoints = new ArrayList<>();

    private volatile boolean pauseRequested;
    /** Closed for good: controls do nothing, the worker drops it (guarded by lock). */
    private boolean closed;
    private final Object delivery = new Object();
    /** The version of the last status sent (guarded by delivery). */
    private long delivered;
    private volatile SessionStatus status;

    private LabSession(Path root, Path armDir, BoardDescription board, LabScenario scenario, LabWorker worker) {
        this.root = root;
        this.armDir = armDir;
        this.board = board;
        this.scenario = scenario;
        this.worker = worker;
    }

    /**
     * Boots {@code scenario} on {@code board}: the project at {@code root}, its ARM build in
     * {@code armDir} (the hypervisor and the guests, with their ELF files for symbols and lines).
     */
    public static LabSession open(Path root, Path armDir, BoardDescription board, LabScenario scenario, LabWorker worker)
            throws LabException {
        if (!board.id().equals(scenario.board())) {
            throw new IllegalArgumentException("scenario for " + scenario.board() + ", board " + board.id());
        }
        LabSession session = new LabSession(root, armDir, board, scenario, worker);
        synchronized (session.lock) {
            session.boot();
            session.publish();
        }
        return session;
    }

    public LabScenario scenario() {
        return scenario;
    }

    public BoardDescription board() {
        return board;
    }

    /** RAM the board gets: as {@code ./hyplab run} gives each board. */
    static long memBytes(String boardId) {
        return (boardId.equals("arndale") ? 1024L : 256L) << 20;
    }

    private void boot() throws LabException {
        long mem = memBytes(board.id());
        GuestCatalog catalog = GuestCatalog.of(root, armDir);
        Scenario s;
        try {
            List<Guest> guests = new ArrayList<>();
            for (String spec : scenario.guests()) {
                guests.add(catalog.parse(spec, scenario.files()));
            }
            s = Scenario.of(board, mem, guests);
        } catch (ScenarioException e) {
            throw new LabException(e.getMessage());
        }
        Path hypervisor = armDir.resolve("hypervisor.bin");
        byte[] image;
        try {
            image = Files.readAllBytes(hypervisor);
        } catch (IOException e) {
            throw new LabException("the hypervisor is not built (" + hypervisor + "): run ./hyplab build");
        }
        Consoles out = new Consoles();
        Debugger[] self = new Debugger[1];
        Machine machine = BoardAssembler.build(board, new BoardAssembler.Options(mem, board.cpus(), b -> {
            out.put(b);
            self[0].console(b);
        }));
        SessionInput in = new SessionInput(machine::time);
        try {
            BootLoader.boot(machine, board, mem, s.bootRequest(hypervisor.toString(), image));
        } catch (LoadException e) {
            throw new LabException(e.getMessage());
        }
        machine.setConsoleInput(in);
        long entry = Integer.toUnsignedLong(machine.cpus().get(0).pc);   // where the boot loader starts the hypervisor
        self[0] = new Debugger(machine, images(s, armDir.resolve("hypervisor.elf"), entry), TRACE_CAPACITY);
        List<Breakpoint> keepBreakpoints = debugger == null ? List.of() : debugger.breakpoints();
        List<Watchpoint> keepWatchpoints = debugger == null ? List.of() : debugger.watchpoints();
        debugger = self[0];
        keepBreakpoints.forEach(debugger::addBreakpoint);
        keepWatchpoints.forEach(debugger::addWatchpoint);
        consoles = out;
        input = in;
        checkpoints.forEach(c -> c.snapshot().release());
        checkpoints.clear();
        checkpoint();
    }

    /**
     * Saves this moment to come back to (copy-on-write RAM makes it cheap: about a millisecond).
     * Beyond {@link #CHECKPOINTS}, every other one of the older half goes, so the saved moments
     * stay spread over the whole run.
     */
    private void checkpoint() {
        long events = debugger.recorder().total();
        if (!checkpoints.isEmpty() && checkpoints.get(checkpoints.size() - 1).snapshot().retired()
                == debugger.machine().retired()) {
            return;
        }
        checkpoints.add(new Checkpoint(Snapshot.take(debugger.machine()), events, debugger.machine().time(),
                consoles.mark()));
        if (checkpoints.size() > CHECKPOINTS) {
            for (int i = CHECKPOINTS / 2 - 1; i >= 1; i -= 2) {
                checkpoints.remove(i).snapshot().release();
            }
        }
    }

    /**
     * Puts the machine back as it was when event number {@code n} of the trace happened (a row
     * of the trap timeline): the latest checkpoint before it is restored and the machine replays
     * deterministically up to that event, on the worker. Console input typed after that
     * checkpoint is not typed again.
     */
    public void goToEvent(long n) throws LabException {
        synchronized (lock) {
            if (closed) {
                throw new LabException("this session is closed");
            }
            Checkpoint from = null;
            for (Checkpoint c : checkpoints) {
                if (c.events() <= n) {
                    from = c;
                }
            }
            if (n >= debugger.recorder().total()) {
                throw new LabException("event #" + n + " has not happened yet");
            }
            if (from == null || from.events() < debugger.recorder().firstKept()) {
                throw new LabException("event #" + n + " is older than the oldest saved moment");
            }
            running = false;
            waitingForInput = false;
            pauseRequested = false;
            MachineEvent then = debugger.recorder().get(n).orElse(null);
            from.snapshot().restoreInto(debugger.machine());
            debugger.restored(from.events());
            consoles.truncate(from.consoles());
            input.rewind(from.time());
            // Moments after this one belong to the run being left; the replay makes them again.
            while (checkpoints.get(checkpoints.size() - 1) != from) {
                checkpoints.remove(checkpoints.size() - 1).snapshot().release();
            }
            start(new RunToEvent(n, then));
        }
    }

    /** The hypervisor's image for Hyp mode, each guest's for its domain; an unreadable ELF leaves addresses bare. */
    private static Images images(Scenario s, Path hypervisorElf, long hypervisorEntry) {
        Images images = Images.none();
        try {
            images.with(Space.HYPERVISOR, Image.load("hypervisor", hypervisorElf).startedAt(hypervisorEntry));
        } catch (ElfException e) {
            // no symbols for the hypervisor: its PCs stay addresses
        }
        for (Domain d : s.domains()) {
            try {
                images.with(Space.domain(d.id()), Image.load(d.guest().kernel().name(), d.guest().kernel().file()));
            } catch (ElfException e) {
                // a guest without its ELF: addresses only
            }
        }
        return images;
    }

    // ---- controls ------------------------------------------------------------------------------

    /**
     * Ends the session: a running control stops at the next slice, the checkpoints are let go,
     * and controls do nothing from now on (a click that arrives late). Reading still works.
     */
    public void close() {
        synchronized (lock) {
            closed = true;
            running = false;
            waitingForInput = false;
            pauseRequested = false;
            checkpoints.forEach(c -> c.snapshot().release());
            checkpoints.clear();
        }
        listeners.clear();
    }

    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Runs the machine towards {@code goal} on the worker, in place of any control still running. */
    public void start(Goal goal) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            debugger.start(goal);
            control = goal.describe();
            running = true;
            waitingForInput = false;
            pauseRequested = false;
            ensureScheduled();
            publish();
        }
        deliver();
    }

    /** Stops a running control at the next slice boundary (a few milliseconds). */
    public void pause() {
        synchronized (lock) {
            if (running) {
                pauseRequested = true;
            } else if (waitingForInput) {
                waitingForInput = false;
                lastStop = StopReason.of(StopReason.Kind.PAUSED, -1, "paused while waiting for input");
                publish();
            }
        }
        deliver();
    }

    /** Boots the scenario again from the start; breakpoints and watchpoints stay. */
    public void reset() throws LabException {
        synchronized (lock) {
            if (closed) {
                throw new LabException("this session is closed");
            }
            running = false;
            waitingForInput = false;
            pauseRequested = false;
            control = "";
            lastStop = null;
            boot();
            publish();
        }
        deliver();
    }

    /** Types {@code text} at the physical console; a control waiting for input goes on. */
    public void type(String text) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            input.type(text);
            if (waitingForInput) {
                waitingForInput = false;
                running = true;
                ensureScheduled();
                publish();
            }
        }
        deliver();
    }

    /**
     * Where console input goes now, as the hypervisor last said: "hypervisor", "d1", ...; empty
     * when it has not said (a hypervisor without console input).
     */
    public String inputFocus() {
        return consoles().focus();
    }

    /** Moves console input on to the next domain (or back to the hypervisor): CTRL-a three times, as on Xen. */
    public void switchInput() {
        type("\u0001\u0001\u0001");
    }

    /**
     * A breakpoint at {@code where} ("file.c:LINE", a function, an address) in {@code space}'s
     * image; several when the compiler split the line.
     */
    public List<Breakpoint> addBreakpoint(Space space, String where) throws LabException {
        List<Breakpoint> added = new ArrayList<>();
        synchronized (lock) {
            Image image = debugger.images().image(space)
                    .orElseThrow(() -> new LabException("no symbols for " + space.label()));
            List<Long> at = image.resolve(where);
            if (at.isEmpty()) {
                throw new LabException("'" + where + "' is no line, function or address of " + image.name());
            }
            for (long a : at) {
                added.add(debugger.addBreakpoint(new Breakpoint(space, (int) a, where)));
            }
            publish();
        }
        deliver();
        return added;
    }

    public void removeBreakpoint(Breakpoint bp) {
        synchronized (lock) {
            debugger.removeBreakpoint(bp);
            publish();
        }
        deliver();
    }

    public void addWatchpoint(Watchpoint wp) {
        synchronized (lock) {
            debugger.addWatchpoint(wp);
            publish();
        }
        deliver();
    }

    public void removeWatchpoint(Watchpoint wp) {
        synchronized (lock) {
            debugger.removeWatchpoint(wp);
            publish();
        }
        deliver();
    }

    // ---- reading -------------------------------------------------------------------------------

    /** Reads the machine between slices: {@code f} must only look (registers, memory, the trace). */
    public <T> T read(Function<Debugger, T> f) {
        synchronized (lock) {
            return f.apply(debugger);
        }
    }

    public SessionStatus status() {
        return status;
    }

    public String uartConsole() {
        return consoles().uart();
    }

    /** The hypervisor's console and each domain's ("d1", ...), as split from the UART's lines. */
    public Map<String, String> splitConsoles() {
        return consoles().split();
    }

    private Consoles consoles() {
        synchronized (lock) {
            return consoles;
        }
    }

    /** Tells {@code listener} each status from now on (on the worker's thread); returns how to stop. */
    public Runnable addListener(Consumer<SessionStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    // ---- the worker's side ------------------------------------------------------------------------

    private void ensureScheduled() {
        if (!scheduled) {
            scheduled = true;
            worker.schedule(this);
        }
    }

    /** One slice of the running control; whether there is more to run. */
    boolean slice() {
        SessionStatus publish = null;
        boolean more = false;
        synchronized (lock) {
            if (!running) {
                scheduled = false;
                return false;
            }
            if (pauseRequested) {
                pauseRequested = false;
                stop(StopReason.of(StopReason.Kind.PAUSED, -1, "paused"));
            } else {
                long start = System.nanoTime();
                long before = debugger.machine().retired();
                Optional<StopReason> r = debugger.advance(sliceBudget);
                long took = System.nanoTime() - start;
                long ran = debugger.machine().retired() - before;
                if (ran >= 1_000) {
                    // The next slice at the rate this one ran at (a hooked run is slower), so that
                    // it takes about SLICE_NANOS whatever the control.
                    sliceBudget = Math.clamp(ran * LabWorker.SLICE_NANOS / Math.max(took, 1), 10_000, 5_000_000);
                }
                if (r.isPresent() && r.get().kind() == StopReason.Kind.WAITING_FOR_INPUT) {
                    input.waiting();
                }
                if (r.isPresent() && r.get().kind() == StopReason.Kind.WAITING_FOR_INPUT && input.ready()) {
                    more = true;   // a key arrived during the slice: go on
                } else if (r.isPresent()) {
                    if (r.get().kind() == StopReason.Kind.WAITING_FOR_INPUT) {
                        waitingForInput = true;
                        running = false;
                        lastStop = r.get();
                        version++;
                        status = makeStatus();
                    } else {
                        stop(r.get());
                    }
                } else {
                    more = true;
                }
            }
            if (!more) {
                scheduled = false;
            }
            if (!more || System.nanoTime() - lastPublish > PUBLISH_NANOS) {
                lastPublish = System.nanoTime();
                version++;
                status = makeStatus();
                publish = status;
            }
        }
        if (publish != null) {
            deliver();
        }
        return more;
    }

    private void stop(StopReason reason) {
        running = false;
        control = "";
        lastStop = reason;
        checkpoint();
    }

    /** Makes a new status now (under the lock); {@link #deliver} sends it once the lock is let go. */
    private void publish() {
        version++;
        lastPublish = System.nanoTime();
        status = makeStatus();
    }

    /**
     * Sends the newest status to the listeners, outside the session's lock (a listener may take
     * the UI's), never an older one after a newer, and one listener's failure stops no other.
     */
    private void deliver() {
        SessionStatus s = status;
        synchronized (delivery) {
            if (s == null || s.version() <= delivered) {
                return;
            }
            delivered = s.version();
            for (Consumer<SessionStatus> l : listeners) {
                try {
                    l.accept(s);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a Lab status listener failed; the session goes on", e);
                }
            }
        }
    }

    private SessionStatus makeStatus() {
        return new SessionStatus(version, running, running ? control : "", lastStop, debugger.machine().retired(),
                debugger.recorder().total(), debugger.whereAll(), consoles.version());
    }
}
