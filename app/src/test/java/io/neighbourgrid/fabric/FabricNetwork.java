package io.neighbourgrid.fabric;

import io.neighbourgrid.agent.Passphrases;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.KeyCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native Fabric network that {@code test-network/network.sh} runs, as the Fabric tests and the Fabric
 * benchmark see it: the connection description {@code network.sh up} writes, the script itself (to restart a
 * chaincode service while a market runs), the process ids of the chaincode services and the orderer's batch
 * settings.
 */
final class FabricNetwork {
    /** System property naming {@code connection.json} or the directory holding it. */
    static final String CONNECTION_PROPERTY = "neighbourgrid.fabric.connection";
    /** System property naming {@code network.sh}; default {@code <repository>/test-network/network.sh}. */
    static final String SCRIPT_PROPERTY = "neighbourgrid.fabric.network-script";
    /** System property naming the key store directory; default the CLI's, {@code ~/.cache/neighbourgrid/keys}. */
    static final String KEYS_PROPERTY = "neighbourgrid.fabric.keys";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    private final Path generated;
    private final Path script;
    private final Path data;

    private FabricNetwork(Path generated, Path script, Path data) {
        this.generated = generated;
        this.script = script;
        this.data = data;
    }

    /** The network named by {@code connection} (a {@code connection.json} or its directory). */
    static FabricNetwork at(Path connection) {
        Path generated = Files.isDirectory(connection) ? connection : connection.getParent();
        generated = generated.toAbsolutePath().normalize();
        // network.sh writes network/generated/ and test-network/data/ under the repository root by default.
        Path repository = generated.getParent().getParent();
        String scriptSetting = System.getProperty(SCRIPT_PROPERTY, "");
        Path script = scriptSetting.isEmpty() ? repository.resolve("test-network").resolve("network.sh")
                : Path.of(scriptSetting);
        String dataSetting = System.getenv("NETWORK_DATA_DIR");
        Path data = dataSetting == null || dataSetting.isEmpty() ? script.getParent().resolve("data")
                : Path.of(dataSetting);
        return new FabricNetwork(generated, script, data);
    }

    /** The network named by the system property {@value #CONNECTION_PROPERTY}. */
    static FabricNetwork fromSystemProperties() {
        String connection = System.getProperty(CONNECTION_PROPERTY, "");
        if (connection.isEmpty()) {
            throw new IllegalStateException("set -D" + CONNECTION_PROPERTY
                    + "=<connection.json written by test-network/network.sh up>");
        }
        return at(Path.of(connection));
    }

    /** Connections to the network as its operator and home identities. */
    FabricLedgerProvider provider() {
        try {
            return FabricLedgerProvider.fromDirectory(generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The simulated homes' key stores, shared with the command line ({@code --keys}): generating 2048-bit keys and
     * their proofs takes far longer than a market day, and a home registered on the ledger must come back with the
     * same key.
     */
    static KeyCache keyCache() {
        String setting = System.getProperty(KEYS_PROPERTY, "");
        Path directory;
        if (!setting.isEmpty()) {
            directory = Path.of(setting);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path cache = xdg == null || xdg.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache")
                    : Path.of(xdg);
            directory = cache.resolve("neighbourgrid").resolve("keys");
        }
        try {
            java.util.Optional<char[]> env = Passphrases.fromEnvironment(Passphrases.ENVIRONMENT);
            return new KeyCache(directory, env.isPresent() ? env.get()
                    : Passphrases.simulatorPassphrase(directory, new SecureRandom()), new SecureRandom());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Fabric version the network runs, as {@code network.sh} recorded it. */
    String fabricVersion() {
        Matcher m = Pattern.compile("\"fabricVersion\"\\s*:\\s*\"([^\"]*)\"").matcher(read("connection.json"));
        return m.find() ? m.group(1) : "unknown";
    }

    /**
     * The topology {@code connection.json} describes: {@code orderers} (count), {@code peers} (count),
     * {@code organisations} (each with its MSP id, its peers and whether it endorses) and the chaincode's
     * {@code endorsementPolicy}.
     */
    Map<String, Object> topology() {
        com.google.gson.JsonObject c = com.google.gson.JsonParser.parseString(read("connection.json"))
                .getAsJsonObject();
        Map<String, Object> t = new java.util.LinkedHashMap<>();
        int orderers = c.has("orderers") ? c.getAsJsonArray("orderers").size() : 1;
        int peers = 0;
        List<Map<String, Object>> organisations = new ArrayList<>();
        organisations.add(organisation("OrdererMSP", "orderers", orderers, false));
        for (com.google.gson.JsonElement e : c.getAsJsonArray("organizations")) {
            com.google.gson.JsonObject org = e.getAsJsonObject();
            int n = org.getAsJsonArray("peers").size();
            peers += n;
            organisations.add(organisation(org.get("mspId").getAsString(), "peers", n,
                    !org.has("endorses") || org.get("endorses").getAsBoolean()));
        }
        t.put("orderers", orderers);
        t.put("peers", peers);
        t.put("organisations", organisations);
        t.put("endorsementPolicy", c.has("endorsementPolicy") ? c.get("endorsementPolicy").getAsString()
                : "channel default");
        return t;
    }

    private static Map<String, Object> organisation(String mspId, String nodes, int count, boolean endorses) {
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("mspId", mspId);
        o.put(nodes, count);
        o.put("endorses", endorses);
        return o;
    }

    /** The orderer's {@code BatchTimeout} in the channel's configuration, e.g. {@code 100ms}. */
    String batchTimeout() {
        return setting("BatchTimeout");
    }

    /** The orderer's {@code MaxMessageCount}. */
    String maxMessageCount() {
        return setting("MaxMessageCount");
    }

    private String setting(String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + name + ":\\s*(\\S+)").matcher(read("configtx.yaml"));
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + generated.resolve("configtx.yaml"));
        }
        return m.group(1);
    }

    private String read(String file) {
        try {
            return Files.readString(generated.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + generated.resolve(file), e);
        }
    }

    /** The process id of an organisation's chaincode service ({@code operator} or {@code community}), if running. */
    Optional<Long> chaincodePid(String organisation) {
        Path file = data.resolve("pids").resolve("chaincode-" + organisation + ".pid");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            long pid = Long.parseLong(lines.get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The CPU time each process of the network has used so far (orderer, peers, chaincode services), by the name
     * {@code network.sh} gives it; processes that are not running are left out.
     */
    Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(data.resolve("pids"), "*.pid")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                try {
                    long pid = Long.parseLong(Files.readAllLines(file, StandardCharsets.US_ASCII).get(0).strip());
                    ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                            .ifPresent(cpu -> times.put(name, cpu));
                } catch (IOException | RuntimeException e) {
                    // A process that stopped or a pid file being rewritten: nothing to measure.
                }
            }
        } catch (IOException e) {
            // No pid directory: the network runs elsewhere, so its processes cannot be measured from here.
        }
        return times;
    }

    /**
     * Runs {@code network.sh restart-chaincode [organisations]}: stops the chaincode services and starts them
     * again with the same package id, returning once each peer gets answers from its service again.
     *
     * @return how long the restart took
     * @throws IllegalStateException with the script's output when it fails or hangs
     */
    Duration restartChaincode(String... organisations) {
        List<String> command = new ArrayList<>(List.of(script.toString(), "restart-chaincode"));
        command.addAll(List.of(organisations));
        return runScript(command);
    }

    /** Runs {@code network.sh kill NAME}: SIGKILL of one process (an orderer, a peer, a chaincode service). */
    Duration kill(String name) {
        return runScript(List.of(script.toString(), "kill", name));
    }

    /** Runs {@code network.sh start NAME}: a killed orderer or peer again, returning once it serves. */
    Duration start(String name) {
        return runScript(List.of(script.toString(), "start", name));
    }

    private Duration runScript(List<String> command) {
        long start = System.nanoTime();
        try {
            Path log = Files.createTempFile("restart-chaincode", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                boolean done = p.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (!done) {
                    p.destroyForcibly();
                }
                if (!done || p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + (done ? " failed with exit code "
                            + p.exitValue() : " did not finish within " + SCRIPT_TIMEOUT) + ":\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public String toString() {
        return "Fabric network " + generated;
    }
}
