package io.neighbourgrid.protocol.billing.state;

import java.util.List;

/**
 * How each window of a bill was billed, computed by chaincode from the records present when the bill was posted.
 *
 * @param windows              the opened windows of the period
 * @param marketWindows        windows in which the home traded in the market (public, from the settlements)
 * @param missingReportWindows windows with the home's record but no meter report: billed from the record alone,
 *                             outside the deviation check
 * @param missingRecordWindows windows with a meter report but no record: billed as grid only at the metered
 *                             import ({@code ps}) and export ({@code pb}); any market trade of the window is not paid
 * @param unbilledWindows      windows with neither: nothing is billed for them
 */
public record BillWindows(int windows, int marketWindows, List<Long> missingReportWindows,
                          List<Long> missingRecordWindows, List<Long> unbilledWindows) {
    public BillWindows {
        missingReportWindows = List.copyOf(missingReportWindows);
        missingRecordWindows = List.copyOf(missingRecordWindows);
        unbilledWindows = List.copyOf(unbilledWindows);
        if (windows < 0 || marketWindows < 0 || marketWindows > windows) {
            throw new IllegalArgumentException("window counts out of range: " + marketWindows + " market windows of "
                    + windows);
        }
    }
}
