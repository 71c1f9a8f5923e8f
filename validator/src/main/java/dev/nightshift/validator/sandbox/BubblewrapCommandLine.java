package dev.nightshift.validator.sandbox;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The bubblewrap invocation for one command: namespaces, mounts, environment, limits, user. */
final class BubblewrapCommandLine {
    static final String PRLIMIT = "/usr/bin/prlimit";
    static final String SETPRIV = "/usr/bin/setpriv";
    static final String ENV = "/usr/bin/env";
    static final String HOSTNAME = "nightshift-sandbox";
    /** The uid and gid the command has inside an unprivileged sandbox's user namespace ("nobody"). */
    static final int NAMESPACE_UID = 65534;

    private static final Set<Path> UNBOUND_MOUNTS =
            Set.of(Path.of("/tmp"), Path.of("/dev"), Path.of("/proc"), Path.of("/dev/shm"));

    private BubblewrapCommandLine() {}

    /**
     * @param toolchains folders shown read-only so that the program can run
     * @param overlays   each overlay source and the throw-away copy shown in its place
     */
    static List<String> build(
            Path bwrap,
            SandboxedCommand command,
            SandboxUsers.Lease user,
            List<Path> toolchains,
            Map<Path, Path> overlays) {
        List<String> args = new ArrayList<>(List.of(
                bwrap.toString(),
                "--unshare-ipc",
                "--unshare-pid",
                "--unshare-net",
                "--unshare-uts",
                "--unshare-cgroup-try"));
        if (user.switched()) {
            // privileged: no user namespace; bubblewrap and the launcher keep only what they need to enter the
            // workdir (owned by the command's user) and to switch to that user, which drops them all
            args.addAll(List.of(
                    "--cap-drop",
                    "ALL",
                    "--cap-add",
                    "CAP_DAC_READ_SEARCH",
                    "--cap-add",
                    "CAP_SETUID",
                    "--cap-add",
                    "CAP_SETGID",
                    "--cap-add",
                    "CAP_SETPCAP"));
        } else {
            args.addAll(List.of(
                    "--unshare-user",
                    "--uid",
                    String.valueOf(NAMESPACE_UID),
                    "--gid",
                    String.valueOf(NAMESPACE_UID),
                    "--disable-userns"));
        }
        // the command is the init of its pid namespace, so bubblewrap reaps it itself: with bubblewrap's own init
        // in between, that init outlives bubblewrap for a moment and is left to the host's init (a zombie where
        // that init does not reap, as in a container whose init is a JVM)
        args.addAll(List.of("--as-pid-1", "--die-with-parent", "--new-session", "--hostname", HOSTNAME, "--clearenv"));
        new TreeMap<>(command.env()).forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));

        systemMounts(args);
        String scratchSize = String.valueOf(command.memoryBytes());
        args.addAll(List.of(
                "--proc",
                "/proc",
                "--dev",
                "/dev",
                "--perms",
                "1777",
                "--size",
                scratchSize,
                "--tmpfs",
                "/dev/shm",
                "--perms",
                "1777",
                "--size",
                scratchSize,
                "--tmpfs",
                "/tmp"));

        List<String[]> binds = new ArrayList<>();
        toolchains.forEach(p -> binds.add(new String[] {"--ro-bind", p.toString(), p.toString()}));
        command.readOnly().forEach(p -> binds.add(new String[] {"--ro-bind", p.toString(), p.toString()}));
        command.writable().forEach(p -> binds.add(new String[] {"--bind", p.toString(), p.toString()}));
        overlays.forEach((source, copy) -> binds.add(new String[] {"--bind", copy.toString(), source.toString()}));
        // a folder is mounted before anything below it, so that nothing is hidden by a later mount above it
        binds.sort(Comparator.comparingInt(bind -> Path.of(bind[2]).getNameCount()));
        List<Path> bound = new ArrayList<>(Toolchains.SYSTEM);
        binds.forEach(bind -> bound.add(Path.of(bind[2])));
        Set<Path> made = new HashSet<>();
        for (String[] bind : binds) {
            makeParents(Path.of(bind[2]), bound, made, args);
            args.addAll(List.of(bind));
        }

        args.addAll(List.of("--chdir", command.workdir().toString(), "--"));
        args.addAll(List.of(
                PRLIMIT, "--nproc=" + command.maxProcesses(), "--data=" + command.memoryBytes(), "--core=0", "--"));
        args.add(SETPRIV);
        if (user.switched()) {
            args.addAll(List.of(
                    "--reuid=" + user.uid(),
                    "--regid=" + user.uid(),
                    "--clear-groups",
                    "--inh-caps=-all",
                    "--bounding-set=-all"));
        }
        args.addAll(List.of("--no-new-privs", "--"));
        if (!command.env().containsKey("PWD")) {
            // bubblewrap always sets PWD; the command's environment is exactly what it was given
            args.addAll(List.of(ENV, "-u", "PWD"));
        }
        args.addAll(command.argv());
        return args;
    }

    /**
     * Bubblewrap makes the missing parents of a mount point as private as the source's parents (a 0700
     * temporary folder stays 0700, owned by root): made explicitly, they can be walked through. Parents
     * inside another bind exist already and are left alone.
     */
    private static void makeParents(Path dest, List<Path> bound, Set<Path> made, List<String> args) {
        Path parent = dest.getParent();
        List<Path> missing = new ArrayList<>();
        for (; parent != null && parent.getNameCount() > 0; parent = parent.getParent()) {
            Path p = parent;
            if (UNBOUND_MOUNTS.contains(p) || bound.stream().anyMatch(p::startsWith)) {
                break;
            }
            missing.add(0, p);
        }
        for (Path p : missing) {
            if (made.add(p)) {
                args.addAll(List.of("--perms", "0755", "--dir", p.toString()));
            }
        }
    }

    /** /usr and /etc read-only; /bin, /lib and the like as the symbolic links or folders they are here. */
    private static void systemMounts(List<String> args) {
        for (Path path : Toolchains.SYSTEM) {
            if (Files.isSymbolicLink(path)) {
                try {
                    args.addAll(
                            List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString()));
                } catch (java.io.IOException e) {
                    // vanished or unreadable: leave it out
                }
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            }
        }
    }
}
