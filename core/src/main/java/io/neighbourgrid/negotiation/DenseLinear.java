package io.neighbourgrid.negotiation;

/**
 * Small dense linear systems (the reduced susceptance matrix of a network, a handful of KKT equations): Gauss-Jordan
 * elimination with partial pivoting.
 */
public final class DenseLinear {
    private DenseLinear() {
    }

    /**
     * The inverse of a square non-singular matrix.
     *
     * @param m the matrix (not modified)
     * @return its inverse
     * @throws IllegalArgumentException if the matrix is singular
     */
    public static double[][] invert(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            if (m[i].length != n) {
                throw new IllegalArgumentException("not a square matrix");
            }
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("singular matrix");
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            double p = a[col][col];
            for (int k = 0; k < 2 * n; k++) {
                a[col][k] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int k = 0; k < 2 * n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /**
     * The least-squares solution of {@code A x = b} (the normal equations {@code A^T A x = A^T b}).
     *
     * @param a the matrix, at least as many rows as columns, full column rank
     * @param b the right-hand side
     * @return {@code x}
     */
    public static double[] leastSquares(double[][] a, double[] b) {
        int cols = a[0].length;
        double[][] ata = new double[cols][cols];
        double[] atb = new double[cols];
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < cols; i++) {
                atb[i] += a[r][i] * b[r];
                for (int j = 0; j < cols; j++) {
                    ata[i][j] += a[r][i] * a[r][j];
                }
            }
        }
        double[][] inv = invert(ata);
        double[] x = new double[cols];
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                x[i] += inv[i][j] * atb[j];
            }
        }
        return x;
    }
}
