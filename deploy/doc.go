// Package deploy holds the deployment examples, a Dockerfile and a
// Kubernetes Indexed Job, and the test that checks them against the CLI.
// It has no code of its own.
package deploy
