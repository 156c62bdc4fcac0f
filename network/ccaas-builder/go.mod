module io.neighbourgrid/ccaas-builder

go 1.21
