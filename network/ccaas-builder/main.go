// Command ccaas-builder is a Fabric external builder for chaincode that runs as a service
// (chaincode-as-a-service, "ccaas"): the peer does not start the chaincode, it dials the address
// written in the package's connection.json.
//
// The peer calls three programs in the builder's bin directory (see Fabric's "External Builders
// and Launchers" documentation):
//
//	detect  CHAINCODE_SOURCE_DIR CHAINCODE_METADATA_DIR
//	build   CHAINCODE_SOURCE_DIR CHAINCODE_METADATA_DIR BUILD_OUTPUT_DIR
//	release BUILD_OUTPUT_DIR RELEASE_OUTPUT_DIR
//
// One binary serves all three; it is installed under each name and dispatches on the name it was
// started with. It is used when Fabric's own ccaas builder is not available as a prebuilt binary
// (its module is not published on the module proxy), and follows the same contract: detect accepts
// packages whose metadata.json has type "ccaas"; build validates the package, copies the metadata
// and any META-INF directory, and writes connection.json with every string field expanded as a Go
// template against the JSON object in CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG; release copies
// connection.json to chaincode/server/connection.json and any CouchDB index definitions to statedb.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

// connection is the connection.json of a ccaas package: where the chaincode service listens and
// how the peer reaches it.
type connection struct {
	Address     string `json:"address"`
	DialTimeout string `json:"dial_timeout"`
	TLSRequired bool   `json:"tls_required"`
	ClientAuth  bool   `json:"client_auth_required"`
	RootCert    string `json:"root_cert,omitempty"`
	ClientKey   string `json:"client_key,omitempty"`
	ClientCert  string `json:"client_cert,omitempty"`
}

// errNotCCAAS tells detect that the package is for another builder; it is not a failure.
var errNotCCAAS = errors.New("package type is not ccaas")

func main() {
	name := filepath.Base(os.Args[0])
	var err error
	switch name {
	case "detect":
		err = detect(os.Args[1:])
	case "build":
		err = build(os.Args[1:])
	case "release":
		err = release(os.Args[1:])
	default:
		err = fmt.Errorf("started as %q; install this program as detect, build and release", name)
	}
	if errors.Is(err, errNotCCAAS) {
		os.Exit(1)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "ccaas %s: %v\n", name, err)
		os.Exit(1)
	}
}

func detect(args []string) error {
	if len(args) < 2 {
		return errors.New("usage: detect CHAINCODE_SOURCE_DIR CHAINCODE_METADATA_DIR")
	}
	return checkType(args[1])
}

func build(args []string) error {
	if len(args) < 3 {
		return errors.New("usage: build CHAINCODE_SOURCE_DIR CHAINCODE_METADATA_DIR BUILD_OUTPUT_DIR")
	}
	sourceDir, metadataDir, outputDir := args[0], args[1], args[2]
	if err := checkType(metadataDir); err != nil {
		return err
	}
	if err := copyTree(metadataDir, outputDir); err != nil {
		return fmt.Errorf("copying package metadata: %w", err)
	}
	metaInf := filepath.Join(sourceDir, "META-INF")
	if _, err := os.Stat(metaInf); err == nil {
		if err := copyTree(metaInf, filepath.Join(outputDir, "META-INF")); err != nil {
			return fmt.Errorf("copying META-INF: %w", err)
		}
	}

	raw, err := os.ReadFile(filepath.Join(sourceDir, "connection.json"))
	if err != nil {
		return fmt.Errorf("the package has no readable connection.json: %w", err)
	}
	var conn connection
	if err := json.Unmarshal(raw, &conn); err != nil {
		return fmt.Errorf("connection.json is not valid JSON: %w", err)
	}
	if err := expandTemplates(&conn, os.Getenv("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG")); err != nil {
		return err
	}
	if conn.Address == "" {
		return errors.New("connection.json has no address")
	}
	if conn.TLSRequired && conn.RootCert == "" {
		return errors.New("connection.json requires TLS but has no root_cert")
	}
	if conn.ClientAuth && (conn.ClientKey == "" || conn.ClientCert == "") {
		return errors.New("connection.json requires client authentication but has no client_key or client_cert")
	}
	out, err := json.Marshal(conn)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outputDir, "connection.json"), out, 0o600)
}

func release(args []string) error {
	if len(args) < 2 {
		return errors.New("usage: release BUILD_OUTPUT_DIR RELEASE_OUTPUT_DIR")
	}
	buildDir, releaseDir := args[0], args[1]
	statedb := filepath.Join(buildDir, "META-INF", "statedb")
	if _, err := os.Stat(statedb); err == nil {
		if err := copyTree(statedb, filepath.Join(releaseDir, "statedb")); err != nil {
			return fmt.Errorf("copying statedb indexes: %w", err)
		}
	}
	serverDir := filepath.Join(releaseDir, "chaincode", "server")
	if err := os.MkdirAll(serverDir, 0o750); err != nil {
		return err
	}
	return copyFile(filepath.Join(buildDir, "connection.json"), filepath.Join(serverDir, "connection.json"))
}

// checkType reads metadata.json and reports errNotCCAAS unless its type is ccaas (any case).
func checkType(metadataDir string) error {
	raw, err := os.ReadFile(filepath.Join(metadataDir, "metadata.json"))
	if err != nil {
		return fmt.Errorf("reading metadata.json: %w", err)
	}
	var metadata struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(raw, &metadata); err != nil {
		return fmt.Errorf("metadata.json is not valid JSON: %w", err)
	}
	if !strings.EqualFold(metadata.Type, "ccaas") {
		return errNotCCAAS
	}
	return nil
}

// expandTemplates treats each string field as a Go template evaluated against the builder
// configuration, so one package can carry per-peer values such as "{{.peername}}:9999".
func expandTemplates(conn *connection, config string) error {
	var values map[string]interface{}
	if config != "" {
		if err := json.Unmarshal([]byte(config), &values); err != nil {
			return fmt.Errorf("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG is not a JSON object: %w", err)
		}
	}
	fields := map[string]*string{
		"address":      &conn.Address,
		"dial_timeout": &conn.DialTimeout,
		"root_cert":    &conn.RootCert,
		"client_key":   &conn.ClientKey,
		"client_cert":  &conn.ClientCert,
	}
	for name, field := range fields {
		tmpl, err := template.New(name).Option("missingkey=error").Parse(*field)
		if err != nil {
			return fmt.Errorf("connection.json field %s is not a valid template: %w", name, err)
		}
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, values); err != nil {
			return fmt.Errorf("connection.json field %s: %w", name, err)
		}
		*field = buf.String()
	}
	return nil
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if entry.IsDir() {
			return os.MkdirAll(target, 0o750)
		}
		if !entry.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file", path)
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
