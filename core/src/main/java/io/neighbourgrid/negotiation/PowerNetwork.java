package io.neighbourgrid.negotiation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A network's buses and lines with the power transfer distribution factors of the DC power flow (seed 002, Section
 * 2.2, Eq. 6): {@code PTDF = B_d A C^-1}, where {@code A} is the branch-to-node incidence matrix, {@code B_d} the
 * diagonal branch susceptance matrix and {@code C} the nodal susceptance matrix reduced by the slack bus. Entry
 * {@code (l, i)} is the flow on line {@code l} caused by injecting 1 kW at bus {@code i} and withdrawing it at the
 * slack bus; a bilateral trade from bus {@code i} to bus {@code j} moves {@code PTDF(l, i) - PTDF(l, j)} per kW.
 */
public final class PowerNetwork {
    private static final String IEEE14_RESOURCE = "ieee14-branches.csv";

    private final int buses;
    private final int slack;
    private final List<Branch> branches;
    private final double[][] ptdf;

    /**
     * A network and its distribution factors.
     *
     * @param buses    number of buses, numbered 1..buses
     * @param slack    the slack (reference) bus
     * @param branches the lines; together they must connect every bus
     * @throws IllegalArgumentException if a branch names an unknown bus or the network is not connected
     */
    public PowerNetwork(int buses, int slack, List<Branch> branches) {
        if (buses < 2 || slack < 1 || slack > buses) {
            throw new IllegalArgumentException("need at least two buses and a slack bus among them");
        }
        this.buses = buses;
        this.slack = slack;
        this.branches = List.copyOf(branches);
        for (Branch b : this.branches) {
            if (b.from() > buses || b.to() > buses) {
                throw new IllegalArgumentException("branch " + b.name() + " names a bus beyond " + buses);
            }
        }
        this.ptdf = distributionFactors();
    }

    /**
     * The IEEE 14-bus test case's lines (MATPOWER {@code case14}; see the resource {@value #IEEE14_RESOURCE} for the
     * source), with bus 1 as the slack bus.
     */
    public static PowerNetwork ieee14() {
        return new PowerNetwork(14, 1, readBranches(IEEE14_RESOURCE));
    }

    private static List<Branch> readBranches(String resource) {
        InputStream in = PowerNetwork.class.getResourceAsStream(resource);
        Objects.requireNonNull(in, resource);
        List<Branch> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                out.add(new Branch(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()),
                        Double.parseDouble(f[2].trim())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Number of buses. */
    public int buses() {
        return buses;
    }

    /** The lines, in the order of the distribution factors' rows. */
    public List<Branch> branches() {
        return branches;
    }

    /** Number of lines. */
    public int lines() {
        return branches.size();
    }

    /** {@code PTDF(l, bus)}: flow on line {@code l} per kW injected at {@code bus} (1-based) and taken at the slack. */
    public double ptdf(int line, int bus) {
        return ptdf[line][bus - 1];
    }

    /** {@code PTDF(l, from) - PTDF(l, to)}: flow on line {@code l} per kW traded from bus {@code from} to {@code to}. */
    public double tradeFactor(int line, int from, int to) {
        return ptdf(line, from) - ptdf(line, to);
    }

    /**
     * Line flows of a set of bus injections.
     *
     * @param injections net injection per bus, index 0 is bus 1 (kW)
     * @return flow per line (kW), positive from {@code from} to {@code to}
     */
    public double[] flows(double[] injections) {
        if (injections.length != buses) {
            throw new IllegalArgumentException("need one injection per bus");
        }
        double[] f = new double[branches.size()];
        for (int l = 0; l < f.length; l++) {
            double sum = 0;
            for (int i = 0; i < buses; i++) {
                sum += ptdf[l][i] * injections[i];
            }
            f[l] = sum;
        }
        return f;
    }

    private double[][] distributionFactors() {
        int n = buses - 1;
        double[][] c = new double[n][n];
        for (Branch b : branches) {
            double y = 1 / b.reactance();
            int i = reduced(b.from());
            int j = reduced(b.to());
            if (i >= 0) {
                c[i][i] += y;
            }
            if (j >= 0) {
                c[j][j] += y;
            }
            if (i >= 0 && j >= 0) {
                c[i][j] -= y;
                c[j][i] -= y;
            }
        }
        double[][] theta = DenseLinear.invert(c);
        double[][] out = new double[branches.size()][buses];
        for (int l = 0; l < branches.size(); l++) {
            Branch b = branches.get(l);
            int i = reduced(b.from());
            int j = reduced(b.to());
            for (int bus = 1; bus <= buses; bus++) {
                int k = reduced(bus);
                if (k < 0) {
                    continue;
                }
                double ti = i < 0 ? 0 : theta[i][k];
                double tj = j < 0 ? 0 : theta[j][k];
                out[l][bus - 1] = (ti - tj) / b.reactance();
            }
        }
        return out;
    }

    private int reduced(int bus) {
        return bus == slack ? -1 : bus < slack ? bus - 1 : bus - 2;
    }
}
