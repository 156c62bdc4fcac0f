/** Strict reading of the contract's JSON arguments, shared by the chaincode and the argument records. */
package io.neighbourgrid.protocol.json;
