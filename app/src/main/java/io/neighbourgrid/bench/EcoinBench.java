package io.neighbourgrid.bench;

import com.google.gson.GsonBuilder;
import io.neighbourgrid.sim.EmbeddedLedgerProvider;
import io.neighbourgrid.sim.FabricLedgerProvider;
import io.neighbourgrid.sim.ecoin.ChannelModel;
import io.neighbourgrid.sim.ecoin.Table1;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The e-coin benchmark, {@code ecoin.json}: the seed's Table 1 (average pairing time, offers by the substation and
 * by meters, five microgrid sizes) on the simulated 30 ms channel and on the embedded ledger, and on the Fabric
 * network when {@code --fabric DIR} names its connection material, each row with the paper's figures beside it. On
 * each ledger one microgrid is configured once and the sizes run as its successive billing periods, so the Fabric
 * rows need a network on which the e-coin contract is not configured yet.
 *
 * <p>usage: {@code EcoinBench --out DIR [--quick] [--fabric NETWORK_DIR]}; {@code --quick} runs the ledger rows for
 * the two smallest sizes only.
 */
public final class EcoinBench {
    private EcoinBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        Path fabric = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--fabric" -> fabric = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        long seed = 1;
        int stride = 6;
        List<Table1.Row> rows = new ArrayList<>(Table1.simulated(seed));
        rows.forEach(EcoinBench::print);
        int sizes = quick ? 2 : ChannelModel.paperTable1().size();
        rows.addAll(Table1.onLedger(clock -> new EmbeddedLedgerProvider(null, clock), "embedded", sizes, stride,
                seed, EcoinBench::print));
        if (fabric != null) {
            Path network = fabric;
            rows.addAll(Table1.onLedger(clock -> FabricLedgerProvider.fromDirectory(network), "fabric", sizes,
                    stride, seed, EcoinBench::print));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("description", "Alàs and Sebé (Appl. Sci. 2024) Table 1: average pairing time in seconds from a "
                + "meter's request to the receipt, offers by the substation (DSO) and by meters (SMs)");
        json.put("pieceWatts", Table1.PIECE_WATTS);
        json.put("pieceMinutes", Table1.PIECE_MINUTES);
        json.put("channelSecondsPerMessage", ChannelModel.PAPER_SLOT_SECONDS);
        json.put("ledgerSlotStride", stride);
        json.put("table1", rows);
        json.put("paper", ChannelModel.paperTable1());
        Files.createDirectories(out);
        Files.writeString(out.resolve("ecoin.json"), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                .serializeSpecialFloatingPointValues().create().toJson(json) + "\n", StandardCharsets.UTF_8);
    }

    private static void print(Table1.Row r) {
        System.out.printf(java.util.Locale.ROOT, "%-15s (%2d,%2d) DSO %.3f s (paper %.3f, %+.1f %%)  SMs %.3f s "
                        + "(paper %.3f, %+.1f %%)  SMs/DSO %.3f (paper %.3f)%n", r.channel(), r.smA(), r.smB(),
                r.offersByDsoSeconds(), r.paperOffersByDsoSeconds(), 100 * r.dsoDeviation(),
                r.offersBySmsSeconds(), r.paperOffersBySmsSeconds(), 100 * r.smsDeviation(),
                r.offersBySmsSeconds() / r.offersByDsoSeconds(),
                r.paperOffersBySmsSeconds() / r.paperOffersByDsoSeconds());
    }
}
