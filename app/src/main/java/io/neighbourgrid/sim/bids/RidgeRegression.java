package io.neighbourgrid.sim.bids;

import java.util.Objects;

/**
 * Ridge regression in closed form on double arrays: the coefficients {@code beta} minimising
 * {@code |y - b0 - X beta|^2 + lambda |beta|^2} over standardised columns of {@code X}, with an unpenalised intercept
 * {@code b0}. The normal equations {@code (Z'Z + lambda I) beta = Z'y} (with {@code Z} the centred, unit-variance
 * columns) are solved by Gaussian elimination with partial pivoting; with {@code lambda > 0} the matrix is positive
 * definite even when columns are collinear (a linear trend makes every lag the same column up to a constant).
 *
 * <p>Used by {@link LearnedForecast}; the regression is our choice for seed 003's "bid and offer creation", which
 * names no forecaster.
 */
final class RidgeRegression {
    private final double intercept;
    private final double[] beta;
    private final double[] mean;
    private final double[] scale;

    private RidgeRegression(double intercept, double[] beta, double[] mean, double[] scale) {
        this.intercept = intercept;
        this.beta = beta;
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Fits the model.
     *
     * @param x      rows of features, at least one row, every row of the same length
     * @param y      the targets, one per row
     * @param lambda the penalty on the standardised coefficients, positive
     * @return the fitted model
     * @throws IllegalArgumentException if the shapes disagree or {@code lambda} is not positive
     */
    static RidgeRegression fit(double[][] x, double[] y, double lambda) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need at least one row and one target per row, got " + x.length
                    + " rows and " + y.length + " targets");
        }
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("ridge penalty must be positive, got " + lambda);
        }
        int n = x.length;
        int p = x[0].length;
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (double[] row : x) {
            if (row.length != p) {
                throw new IllegalArgumentException("rows of different lengths: " + p + " and " + row.length);
            }
            for (int j = 0; j < p; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < p; j++) {
            // A constant column carries nothing; scale 1 keeps its standardised values at zero.
            scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1.0;
        }
        double yMean = 0;
        for (double v : y) {
            yMean += v / n;
        }
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double zj = (x[i][j] - mean[j]) / scale[j];
                for (int k = 0; k < p; k++) {
                    a[j][k] += zj * (x[i][k] - mean[k]) / scale[k];
                }
                a[j][p] += zj * (y[i] - yMean);
            }
        }
        for (int j = 0; j < p; j++) {
            a[j][j] += lambda;
        }
        double[] beta = solve(a);
        return new RidgeRegression(yMean, beta, mean, scale);
    }

    /** The model's prediction for one row of features. */
    double predict(double[] row) {
        if (row.length != beta.length) {
            throw new IllegalArgumentException("expected " + beta.length + " features, got " + row.length);
        }
        double v = intercept;
        for (int j = 0; j < beta.length; j++) {
            v += beta[j] * (row[j] - mean[j]) / scale[j];
        }
        return v;
    }

    /** Solves the augmented system {@code a} (p rows, p + 1 columns) in place; a is positive definite. */
    private static double[] solve(double[][] a) {
        int p = a.length;
        for (int c = 0; c < p; c++) {
            int pivot = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            for (int r = c + 1; r < p; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= p; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] out = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double v = a[r][p];
            for (int k = r + 1; k < p; k++) {
                v -= a[r][k] * out[k];
            }
            out[r] = v / a[r][r];
        }
        return out;
    }
}
