/**
 * The operator console: a web page, a JSON API and Prometheus metrics over any {@link io.neighbourgrid.ledger.Ledger}
 * connection, embedded or Fabric. {@link io.neighbourgrid.console.ConsoleServer} is the server (started inside a
 * simulated day with {@link io.neighbourgrid.console.ConsoleServer#forProvider}), {@link
 * io.neighbourgrid.console.ConsoleLauncher} runs it for the command line's {@code serve}, {@link io.neighbourgrid.console.Views} the API's
 * records and {@link io.neighbourgrid.console.ConsoleMetrics} the metrics. The page's assets are in the class path's
 * {@code console/} folder and load nothing from elsewhere.
 */
package io.neighbourgrid.console;
