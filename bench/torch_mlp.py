"""PyTorch peer of dwsyn's trainer for `npm run bench`: the same network, recipe, batch size and, in-situ, the same
synapse update (clip, quantize, write-verify programming from the device table's samples, weights = H_l x realized).

Usage: /usr/bin/python3 bench/torch_mlp.py MNIST_DIR EPOCHS [DEVICE_JSON]
DEVICE_JSON (in-situ): {"states": S, "samples": [[weights of state 0], ...], "margin": M, "maxAttempts": A}.
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
        self.margin = spec["margin"]
        self.max_attempts = spec["maxAttempts"]
        self.levels = torch.linspace(-1, 1, self.states)
        self.pool = torch.tensor([w for pool in spec["samples"] for w in pool], dtype=torch.float32)
        sizes = [len(pool) for pool in spec["samples"]]
        self.size = torch.tensor(sizes, dtype=torch.float64)
        self.start = torch.tensor([sum(sizes[:k]) for k in range(len(sizes))], dtype=torch.int64)

    def nearest(self, w):
        return torch.clamp(torch.floor((w + 1) * (self.states - 1) / 2 + 0.5), 0, self.states - 1).to(torch.uint8)

    def program(self, index, target, realized):
        """Write-verify of the synapses `index` (flat) to states `target`, every attempt drawn at once; returns the attempts."""
        if index.numel() == 0:
            return 0
        target = target.long()[:, None]
        picks = (torch.rand(index.numel(), self.max_attempts, dtype=torch.float64) * self.size[target]).long()
        draws = self.pool[self.start[target] + picks]
        done = (draws - self.levels[target]).abs() <= self.margin
        done[:, -1] = True
        first = done.to(torch.uint8).argmax(1)
        realized[index] = draws[torch.arange(index.numel()), first]
        return int(first.sum()) + index.numel()


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
    device = Device(json.load(open(sys.argv[3]))) if len(sys.argv) > 3 else None
    x_train = torch.tensor(idx(f"{root}/train-images-idx3-ubyte", 16).reshape(-1, 784), dtype=torch.float32) / 255
    y_train = torch.tensor(idx(f"{root}/train-labels-idx1-ubyte", 8), dtype=torch.int64)
    x_test = torch.tensor(idx(f"{root}/t10k-images-idx3-ubyte", 16).reshape(-1, 784), dtype=torch.float32) / 255
    y_test = torch.tensor(idx(f"{root}/t10k-labels-idx1-ubyte", 8), dtype=torch.int64)
    layers = [784, 100, 100, 100, 10]

    def linear(n_in, n_out, bias):
        return InsituLinear(n_in, n_out, bias, device) if device else torch.nn.Linear(n_in, n_out, bias=bias)

    modules = []
    for i in range(len(layers) - 2):
        modules += [linear(layers[i], layers[i + 1], False), torch.nn.BatchNorm1d(layers[i + 1]), torch.nn.ReLU()]
    modules.append(linear(layers[-2], layers[-1], True))
    net = torch.nn.Sequential(*modules)
    synapses = [m for m in modules if isinstance(m, InsituLinear)]
    latent = [m.latent for m in synapses]
    others = [p for p in net.parameters() if all(p is not q for q in latent)]
    groups = [{"params": others}] + [{"params": [m.latent], "lr": 1e-3 / m.scale} for m in synapses]
    optimizer = torch.optim.Adam(groups, lr=1e-3)
    # dwsyn's schedule: 1e-3 at the first epoch to 1e-4 at the last, exponentially (the latents' groups scaled alike).
    decay = (1e-4 / 1e-3) ** (1 / (epochs - 1)) if epochs > 1 else 1
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
