package io.neighbourgrid.chaincode.fabric;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * The chaincode-as-a-service process: a gRPC server that a peer dials (the address is in the
 * {@code connection.json} of the installed chaincode package) and that routes each transaction to the
 * contracts on the class path, the market contract among them.
 *
 * <p>Run one process per peer. The shim keeps the state of the peer handshake in the one
 * {@link ContractRouter} of the process, so a second peer registering with a process that already
 * serves one resets that state, and the first peer's transactions in flight are rejected until they
 * time out. It is also the trust model of endorsement: each organisation endorses with a process it
 * runs itself.
 *
 * <p>Configuration comes from the environment, as Fabric's chaincode-as-a-service convention has it:
 * <ul>
 *   <li>{@value #SERVER_ADDRESS_ENV}: {@code host:port} to listen on, e.g. {@code 127.0.0.1:17090}
 *       (required);</li>
 *   <li>{@value #CHAINCODE_ID_ENV}, or Fabric's {@value #CHAINCODE_ID_NAME_ENV}: the package id that
 *       {@code peer lifecycle chaincode install} printed, {@code label:sha256} (required; the peer
 *       refuses a chaincode that registers under another id);</li>
 *   <li>{@value #TLS_CERT_FILE_ENV} and {@value #TLS_KEY_FILE_ENV}: PEM server certificate chain and
 *       PKCS#8 private key; when both are set the server speaks TLS, when neither is set it speaks
 *       plaintext (meant for a loopback address only);</li>
 *   <li>{@value #TLS_CLIENT_CA_FILE_ENV}: PEM certificates of the CAs whose clients may connect; when
 *       set, clients must present a certificate (mutual TLS).</li>
 * </ul>
 * A missing or malformed setting stops the process with exit status 2 and a message naming it.
 */
public final class ChaincodeService {
    /** Environment variable with the listen address, {@code host:port}. */
    public static final String SERVER_ADDRESS_ENV = "CHAINCODE_SERVER_ADDRESS";
    /** Environment variable with the chaincode package id. */
    public static final String CHAINCODE_ID_ENV = "CHAINCODE_ID";
    /** Fabric's name for the chaincode id, accepted when {@value #CHAINCODE_ID_ENV} is not set. */
    public static final String CHAINCODE_ID_NAME_ENV = "CORE_CHAINCODE_ID_NAME";
    /** Environment variable with the PEM server certificate chain for TLS. */
    public static final String TLS_CERT_FILE_ENV = "CHAINCODE_TLS_CERT_FILE";
    /** Environment variable with the PEM (PKCS#8) server private key for TLS. */
    public static final String TLS_KEY_FILE_ENV = "CHAINCODE_TLS_KEY_FILE";
    /** Environment variable with the PEM CA certificates that client certificates must chain to. */
    public static final String TLS_CLIENT_CA_FILE_ENV = "CHAINCODE_TLS_CLIENT_CA_FILE";

    /** Exit status for a configuration error, distinct from a crash (1). */
    static final int CONFIGURATION_ERROR_STATUS = 2;

    private static final Logger LOG = Logger.getLogger(ChaincodeService.class.getName());

    private ChaincodeService() {
    }

    /**
     * Starts the chaincode server and blocks until it shuts down (on SIGTERM the shim's shutdown hook
     * stops the gRPC server).
     *
     * @param args ignored; all settings come from the environment
     * @throws IOException if the server cannot bind its address or read its TLS files
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Settings settings;
        try {
            settings = Settings.fromEnvironment(System.getenv());
        } catch (ConfigurationException e) {
            System.err.println("chaincode service: " + e.getMessage());
            System.exit(CONFIGURATION_ERROR_STATUS);
            return;
        }
        serve(settings);
    }

    /**
     * Builds the contract router and the gRPC server for the given settings and serves until shutdown.
     *
     * @param settings validated settings
     * @throws IOException if the server cannot bind its address or read its TLS files
     * @throws InterruptedException if interrupted while serving
     */
    public static void serve(Settings settings) throws IOException, InterruptedException {
        Objects.requireNonNull(settings, "settings");
        // The router takes the id as its command-line option; the environment is read as well, but the
        // explicit option wins, so CHAINCODE_ID and CORE_CHAINCODE_ID_NAME behave the same.
        ContractRouter router = new ContractRouter(new String[] {"--id", settings.chaincodeId()});
        ChaincodeServer server = new NettyChaincodeServer(router, settings.serverProperties());
        LOG.info(() -> "chaincode " + settings.chaincodeId() + " listening on " + settings.host() + ":"
                + settings.port() + (settings.tls().isPresent() ? " (TLS)" : " (plaintext)"));
        router.startRouterWithChaincodeServer(server);
    }

    /**
     * Settings of the chaincode service.
     *
     * @param host      address to listen on
     * @param port      port to listen on
     * @param chaincodeId package id the peer knows the chaincode by
     * @param tls       TLS files, empty for plaintext
     */
    public record Settings(String host, int port, String chaincodeId, Optional<TlsFiles> tls) {
        /**
         * Checks the fields.
         *
         * @throws ConfigurationException if a field is missing or out of range
         */
        public Settings {
            if (host == null || host.isBlank()) {
                throw new ConfigurationException(SERVER_ADDRESS_ENV + " has no host part");
            }
            if (port < 1 || port > 65_535) {
                throw new ConfigurationException(SERVER_ADDRESS_ENV + " port " + port + " is outside 1..65535");
            }
            if (chaincodeId == null || chaincodeId.isBlank()) {
                throw new ConfigurationException("the chaincode id is empty");
            }
            Objects.requireNonNull(tls, "tls");
        }

        /**
         * Reads the settings from an environment map.
         *
         * @param env the environment, e.g. {@link System#getenv()}
         * @return the settings
         * @throws ConfigurationException naming the variable that is missing or malformed
         */
        public static Settings fromEnvironment(Map<String, String> env) {
            String address = value(env, SERVER_ADDRESS_ENV).orElseThrow(() -> new ConfigurationException(
                    SERVER_ADDRESS_ENV + " is not set; it must be host:port to listen on, e.g. 127.0.0.1:17090"));
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1) {
                throw new ConfigurationException(SERVER_ADDRESS_ENV + "=" + address + " is not host:port");
            }
            String host = address.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigurationException(SERVER_ADDRESS_ENV + "=" + address + " has a non-numeric port");
            }
            String chaincodeId = value(env, CHAINCODE_ID_ENV).or(() -> value(env, CHAINCODE_ID_NAME_ENV))
                    .orElseThrow(() -> new ConfigurationException(CHAINCODE_ID_ENV + " (or " + CHAINCODE_ID_NAME_ENV
                            + ") is not set; it must be the package id printed by `peer lifecycle chaincode install`,"
                            + " label:hash"));
            return new Settings(host, port, chaincodeId, TlsFiles.fromEnvironment(env));
        }

        /**
         * The shim's server properties for these settings.
         *
         * @return properties with the listen address and, when configured, TLS
         */
        public ChaincodeServerProperties serverProperties() {
            ChaincodeServerProperties properties = new ChaincodeServerProperties();
            properties.setServerAddress(new InetSocketAddress(host, port));
            tls.ifPresent(files -> {
                properties.setTlsEnabled(true);
                properties.setKeyCertChainFile(files.certificateChain().toString());
                properties.setKeyFile(files.privateKey().toString());
                files.clientCa().ifPresent(ca -> properties.setTrustCertCollectionFile(ca.toString()));
            });
            properties.validate();
            return properties;
        }

        private static Optional<String> value(Map<String, String> env, String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
        }
    }

    /**
     * TLS files of the chaincode server.
     *
     * @param certificateChain PEM server certificate chain
     * @param privateKey       PEM (PKCS#8) private key of the server certificate
     * @param clientCa         PEM CA certificates for client authentication, empty to accept any client
     */
    public record TlsFiles(Path certificateChain, Path privateKey, Optional<Path> clientCa) {
        /**
         * Checks that the files exist.
         *
         * @throws ConfigurationException naming a file that cannot be read
         */
        public TlsFiles {
            readable(certificateChain, TLS_CERT_FILE_ENV);
            readable(privateKey, TLS_KEY_FILE_ENV);
            Objects.requireNonNull(clientCa, "clientCa");
            clientCa.ifPresent(ca -> readable(ca, TLS_CLIENT_CA_FILE_ENV));
        }

        static Optional<TlsFiles> fromEnvironment(Map<String, String> env) {
            Optional<String> cert = Settings.value(env, TLS_CERT_FILE_ENV);
            Optional<String> key = Settings.value(env, TLS_KEY_FILE_ENV);
            Optional<String> clientCa = Settings.value(env, TLS_CLIENT_CA_FILE_ENV);
            if (cert.isEmpty() && key.isEmpty()) {
                if (clientCa.isPresent()) {
                    throw new ConfigurationException(TLS_CLIENT_CA_FILE_ENV + " is set but TLS is off; set "
                            + TLS_CERT_FILE_ENV + " and " + TLS_KEY_FILE_ENV + " as well");
                }
                return Optional.empty();
            }
            if (cert.isEmpty() || key.isEmpty()) {
                throw new ConfigurationException("TLS needs both " + TLS_CERT_FILE_ENV + " and " + TLS_KEY_FILE_ENV
                        + "; only " + (cert.isPresent() ? TLS_CERT_FILE_ENV : TLS_KEY_FILE_ENV) + " is set");
            }
            return Optional.of(new TlsFiles(Path.of(cert.get()), Path.of(key.get()), clientCa.map(Path::of)));
        }

        private static void readable(Path file, String variable) {
            if (file == null || !Files.isReadable(file)) {
                throw new ConfigurationException(variable + "=" + file + " is not a readable file");
            }
        }
    }

    /** A setting of the chaincode service is missing or malformed; the message names it. */
    public static final class ConfigurationException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what is wrong, naming the environment variable
         */
        public ConfigurationException(String message) {
            super(message);
        }
    }
}
