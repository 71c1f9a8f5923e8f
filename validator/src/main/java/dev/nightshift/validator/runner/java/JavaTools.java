package dev.nightshift.validator.runner.java;

import dev.nightshift.validator.runner.WorkspaceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Java test JVM runs with: the JUnit Platform console-standalone jar (launcher, Jupiter, Vintage and
 * Suite engines, XML reporting), the JaCoCo agent, and {@link RepeatedLaunch} in a jar of its own. The first two
 * are resources of this module's jar, copied in by its build ({@code maven-dependency-plugin:copy}); all three
 * are written under {@code <home>/tools/} on first use, so a test JVM never sees the validator's own classpath.
 * Also keeps a class-data-sharing archive of the launcher's classes for the running JDK (recorded once from a
 * warm-up test), which takes about a third off each test JVM's start.
 */
public final class JavaTools {
    private static final Logger LOG = LoggerFactory.getLogger(JavaTools.class);
    private static final String RESOURCES = "/dev/nightshift/validator/runner/java/";

    private final Path launcherJar;
    private final Path agentJar;
    private final Path launchJar;
    private final Path javaHome;
    private final Path archive;
    private final String junitVersion;
    private final String jacocoVersion;
    private volatile boolean archiveUsable;

    private JavaTools(
            Path launcherJar,
            Path agentJar,
            Path launchJar,
            Path javaHome,
            Path archive,
            String junitVersion,
            String jacocoVersion) {
        this.launcherJar = launcherJar;
        this.agentJar = agentJar;
        this.launchJar = launchJar;
        this.javaHome = javaHome;
        this.archive = archive;
        this.junitVersion = junitVersion;
        this.jacocoVersion = jacocoVersion;
        this.archiveUsable = Files.isRegularFile(archive);
    }

    /**
     * Writes the tools under {@code <home>/tools/junit-<v>-jacoco-<v>/} unless they are there already, and records
     * the class-data-sharing archive for this JDK unless it has one.
     */
    public static JavaTools install(Path home) throws WorkspaceException {
        Properties versions = new Properties();
        try (InputStream in = JavaTools.class.getResourceAsStream(RESOURCES + "tools.properties")) {
            if (in == null) {
                throw new WorkspaceException(
                        "the validator's tool versions (tools.properties) are missing from its jar", null);
            }
            versions.load(in);
        } catch (IOException e) {
            throw new WorkspaceException("cannot read the validator's tool versions: " + e.getMessage(), e);
        }
        String junit = versions.getProperty("junit.version");
        String jacoco = versions.getProperty("jacoco.version");
        Path dir = home.resolve("tools")
                .resolve("junit-" + junit + "-jacoco-" + jacoco)
                .toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Path launcher = extract("junit-platform-console-standalone.jar", dir);
            Path agent = extract("jacocoagent.jar", dir);
            Path launch = launchJar(dir);
            Path javaHome = Path.of(System.getProperty("java.home"));
            String vm = System.getProperty("java.vm.version").replaceAll("[^A-Za-z0-9.+_-]", "_");
            String launchName = launch.getFileName().toString().replace(".jar", "");
            JavaTools tools = new JavaTools(
                    launcher, agent, launch, javaHome, dir.resolve(launchName + "-" + vm + ".jsa"), junit, jacoco);
            tools.ensureArchive();
            return tools;
        } catch (IOException e) {
            throw new WorkspaceException("cannot install the Java test tools under " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path extract(String name, Path dir) throws IOException, WorkspaceException {
        Path target = dir.resolve(name);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (InputStream in = JavaTools.class.getResourceAsStream(RESOURCES + "tools/" + name)) {
            if (in == null) {
                throw new WorkspaceException(
                        name + " is missing from the validator's jar (build it with Maven, which copies it in)", null);
            }
            Path tmp = dir.resolve(name + ".tmp-" + UUID.randomUUID());
            Files.copy(in, tmp);
            moveAtomically(tmp, target);
            return target;
        }
    }

    /** {@link RepeatedLaunch}'s classes in a jar named after their hash, so a changed launcher gets a new jar. */
    private static Path launchJar(Path dir) throws IOException, WorkspaceException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        MessageDigest sha = sha256();
        for (String name : RepeatedLaunch.CLASSES) {
            String resource = RepeatedLaunch.class.getPackageName().replace('.', '/') + "/" + name + ".class";
            try (InputStream in = JavaTools.class.getResourceAsStream("/" + resource)) {
                if (in == null) {
                    throw new WorkspaceException(resource + " is missing from the validator's jar", null);
                }
                byte[] bytes = in.readAllBytes();
                classes.put(resource, bytes);
                sha.update(bytes);
            }
        }
        Path target = dir.resolve(
                "nightshift-launch-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12) + ".jar");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path tmp = dir.resolve(target.getFileName() + ".tmp-" + UUID.randomUUID());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(tmp), manifest)) {
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                JarEntry entry = new JarEntry(e.getKey());
                entry.setTime(0);
                jar.putNextEntry(entry);
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        moveAtomically(tmp, target);
        return target;
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Runs a warm-up test through {@link RepeatedLaunch} once and dumps the classes it loaded from the tools' jars
     * into a dynamic CDS archive, once per JDK build. A JVM that cannot map the archive (another JDK, a changed
     * jar) silently starts without it; a failed dump only costs speed.
     */
    private synchronized void ensureArchive() {
        if (archiveUsable) {
            return;
        }
        Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp-" + UUID.randomUUID());
        Path warm = archive.resolveSibling("warm-up-" + UUID.randomUUID());
        try {
            Path source = warm.resolve("NightshiftWarmUpTest.java");
            Files.createDirectories(warm);
            Files.writeString(source, """
                    import static org.junit.jupiter.api.Assertions.assertEquals;
                    import static org.junit.jupiter.api.Assertions.assertThrows;

                    import org.junit.jupiter.api.Test;
                    import org.junit.jupiter.params.ParameterizedTest;
                    import org.junit.jupiter.params.provider.ValueSource;

                    class NightshiftWarmUpTest {
                        @Test
                        void adds() {
                            assertEquals(2, 1 + 1);
                        }

                        @Test
                        void fails() {
                            assertEquals(3, 1 + 1, "a failure, so that reporting one is recorded too");
                        }

                        @ParameterizedTest
                        @ValueSource(ints = {1, 2})
                        void positive(int x) {
                            assertThrows(ArithmeticException.class, () -> System.out.println(x / 0));
                        }
                    }
                    """, StandardCharsets.UTF_8);
            CandidateCompiler.Result compiled =
                    new CandidateCompiler().compile(source, warm.resolve("classes"), List.of(launcherJar));
            if (!compiled.compiled()) {
                LOG.warn("no class-data-sharing archive: the warm-up test does not compile: {}", compiled.errors());
                return;
            }
            Path classpath = warm.resolve("classpath.txt");
            Files.writeString(classpath, warm.resolve("classes") + "\n", StandardCharsets.UTF_8);
            List<String> argv = new ArrayList<>(List.of(
                    java().toString(), "-XX:ArchiveClassesAtExit=" + tmp, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            argv.addAll(JVM_OPTIONS);
            argv.addAll(List.of(
                    "-cp",
                    classPath(),
                    RepeatedLaunch.class.getName(),
                    "1",
                    "60000",
                    warm.resolve("reports").toString(),
                    classpath.toString(),
                    "NightshiftWarmUpTest"));
            Process p = new ProcessBuilder(argv)
                    .directory(warm.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            if (Files.isRegularFile(tmp)) {
                moveAtomically(tmp, archive);
                archiveUsable = true;
            }
        } catch (IOException e) {
            LOG.warn("no class-data-sharing archive for the test launcher: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", tmp, e.getMessage());
            }
            JavaMavenRunner.deleteTree(warm);
        }
    }

    /** Options of every test JVM: short-lived, small, one compiler tier, one GC thread. */
    static final List<String> JVM_OPTIONS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss1m");

    /** The test JVM's own class path: the console-standalone jar, then the launch jar (the archive's order). */
    public String classPath() {
        return launcherJar + java.io.File.pathSeparator + launchJar;
    }

    public Path launcherJar() {
        return launcherJar;
    }

    public Path agentJar() {
        return agentJar;
    }

    public Path launchJar() {
        return launchJar;
    }

    public Path javaHome() {
        return javaHome;
    }

    public Path java() {
        return javaHome.resolve("bin").resolve("java");
    }

    /** The class-data-sharing archive, or null when none could be made. */
    public Path archive() {
        return archiveUsable ? archive : null;
    }

    public String junitVersion() {
        return junitVersion;
    }

    public String jacocoVersion() {
        return jacocoVersion;
    }

    /** Files a test JVM reads: the jars and the archive. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(launcherJar, agentJar, launchJar));
        if (archive() != null) {
            files.add(archive);
        }
        return files;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
