"""PyTorch peer of dwsyn's trainer for `npm run bench`: the same network, recipe, batch size and, in-situ, the same
synapse update (clip, quantize, programming from the device table's samples, weights = H_l x realized).

Usage: /usr/bin/python3 bench/torch_mlp.py MNIST_DIR EPOCHS NETWORK_JSON [DEVICE_JSON]
NETWORK_JSON: {"layers": [784, ..., 10], "batchNorm": B, "learningRate": R0, "finalLearningRate": R1}.
DEVICE_JSON (in-situ): {"states": S, "samples": [[weights of state 0], ...], "verify": "none" | "keep-last" |
"keep-best", "margin": M, "maxAttempts": A}.
Prints one line per epoch: seconds (train + test evaluation), test accuracy and programming attempts.
"""
import json
import math
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
torch.manual_seed(1)


def idx(path, header):
    with open(path, "rb") as f:
        return np.frombuffer(f.read()[header:], dtype=np.uint8)


class Device:
    """A table device: each programming attempt draws a weight from the target state's samples."""

    def __init__(self, spec):
        self.states = spec["states"]
        single_shot = spec["verify"] == "none"
        self.margin = math.inf if single_shot else spec["margin"]
        self.max_attempts = 1 if single_shot else spec["maxAttempts"]
        self.keep_best = spec["verify"] == "keep-best"
        self.levels = torch.linspace(-1, 1, self.states)
        self.pool = torch.tensor([w for pool in spec["samples"] for w in pool], dtype=torch.float32)
        sizes = [len(pool) for pool in spec["samples"]]
        self.size = torch.tensor(sizes, dtype=torch.float64)
        self.start = torch.tensor([sum(sizes[:k]) for k in range(len(sizes))], dtype=torch.int64)

    def nearest(self, w):
        return torch.clamp(torch.floor((w + 1) * (self.states - 1) / 2 + 0.5), 0, self.states - 1).to(torch.uint8)

    def draw(self, target):
        """One programming attempt of each device to its state in `target`: a weight drawn from the state's samples."""
        picks = (torch.rand(target.numel(), dtype=torch.float64) * self.size[target]).long()
        return self.pool[self.start[target] + picks]

    def program(self, index, target, realized):
        """Programs the synapses `index` (flat) to states `target`: each round draws only for the devices still outside
        the margin, at most max_attempts rounds; returns the attempts."""
        pending = index
        target = target.long()
        level = self.levels[target]
        best_error = torch.full((index.numel(),), math.inf)
        attempts = 0
        for _ in range(self.max_attempts):
            if pending.numel() == 0:
                break
            weight = self.draw(target)
            attempts += pending.numel()
            error = (weight - level).abs()
            keep = error < best_error if self.keep_best else torch.ones_like(error, dtype=torch.bool)
            realized[pending[keep]] = weight[keep]
            best_error = torch.where(keep, error, best_error)
            failed = error > self.margin
            pending, target, level, best_error = pending[failed], target[failed], level[failed], best_error[failed]
        return attempts


class InsituLinear(torch.nn.Module):
    """A layer whose weights are H_l times the devices' realized weights; the latent weights follow the gradient."""

    def __init__(self, n_in, n_out, bias, device):
        super().__init__()
        self.device = device
        self.scale = math.sqrt(1.5 / (n_in + n_out))
        self.latent = torch.nn.Parameter(torch.rand(n_out, n_in) * 2 - 1)
        self.state = device.nearest(self.latent.detach())
        self.realized = torch.zeros(n_out, n_in)
        flat = torch.arange(self.state.numel())
        self.attempts = device.program(flat, self.state.flatten(), self.realized.view(-1))
        self.used = torch.zeros(n_out, n_in, requires_grad=True)
        self.bias = torch.nn.Parameter(torch.zeros(n_out)) if bias else None
        self.load()

    def load(self):
        with torch.no_grad():
            self.used.copy_(self.scale * self.realized)

    def forward(self, x):
        return torch.nn.functional.linear(x, self.used, self.bias)

    def pass_gradient(self):
        """Straight-through: the gradient of the used weight drives the latent weight."""
        self.latent.grad = self.used.grad
        self.used.grad = None

    def update(self):
        with torch.no_grad():
            self.latent.clamp_(-1, 1)
            target = self.device.nearest(self.latent)
            moved = (target != self.state).flatten().nonzero().flatten()
            self.state.view(-1)[moved] = target.view(-1)[moved]
            attempts = self.device.program(moved, target.view(-1)[moved], self.realized.view(-1))
        self.load()
        return attempts


def main():
    root, epochs = sys.argv[1], int(sys.argv[2])
    network = json.load(open(sys.argv[3]))
    device = Device(json.load(open(sys.argv[4]))) if len(sys.argv) > 4 else None
    x_train = torch.tensor(idx(f"{root}/train-images-idx3-ubyte", 16).reshape(-1, 784), dtype=torch.float32) / 255
    y_train = torch.tensor(idx(f"{root}/train-labels-idx1-ubyte", 8), dtype=torch.int64)
    x_test = torch.tensor(idx(f"{root}/t10k-images-idx3-ubyte", 16).reshape(-1, 784), dtype=torch.float32) / 255
    y_test = torch.tensor(idx(f"{root}/t10k-labels-idx1-ubyte", 8), dtype=torch.int64)
    layers, batch_norm = network["layers"], network["batchNorm"]
    rate, final_rate = network["learningRate"], network["finalLearningRate"]

    def linear(n_in, n_out, bias):
        return InsituLinear(n_in, n_out, bias, device) if device else torch.nn.Linear(n_in, n_out, bias=bias)

    modules = []
    for i in range(len(layers) - 2):
        # Batch norm makes a hidden layer's bias redundant: dwsyn's hidden layers have one only without it.
        modules.append(linear(layers[i], layers[i + 1], not batch_norm))
        modules += [torch.nn.BatchNorm1d(layers[i + 1])] if batch_norm else []
        modules.append(torch.nn.ReLU())
    modules.append(linear(layers[-2], layers[-1], True))
    net = torch.nn.Sequential(*modules)
    synapses = [m for m in modules if isinstance(m, InsituLinear)]
    latent = [m.latent for m in synapses]
    others = [p for p in net.parameters() if all(p is not q for q in latent)]
    groups = [{"params": others}] + [{"params": [m.latent], "lr": rate / m.scale} for m in synapses]
    optimizer = torch.optim.Adam(groups, lr=rate)
    # dwsyn's schedule: the first epoch's rate to the last's, exponentially (the latents' groups scaled alike).
    decay = (final_rate / rate) ** (1 / (epochs - 1)) if epochs > 1 else 1
    base_rates = [group["lr"] for group in optimizer.param_groups]
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        start = time.perf_counter()
        for group, rate in zip(optimizer.param_groups, base_rates):
            group["lr"] = rate * decay**epoch
        attempts = 0
        net.train()
        order = torch.randperm(len(x_train))
        for b in range(0, len(x_train), 100):
            batch = order[b:b + 100]
            optimizer.zero_grad()
            loss = loss_fn(net(x_train[batch]), y_train[batch])
            loss.backward()
            for m in synapses:
                m.pass_gradient()
            optimizer.step()
            attempts += sum(m.update() for m in synapses)
        net.eval()
        with torch.no_grad():
            correct = sum((net(x_test[b:b + 100]).argmax(1) == y_test[b:b + 100]).sum().item() for b in range(0, len(x_test), 100))
        print(f"{time.perf_counter() - start:.4f} {correct / len(x_test):.4f} {attempts}", flush=True)


main()
