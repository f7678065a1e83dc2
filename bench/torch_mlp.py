"""PyTorch peer of dwsyn's float trainer for `npm run bench`: the same network, recipe and batch size.

Usage: /usr/bin/python3 bench/torch_mlp.py MNIST_DIR EPOCHS
Prints one line per epoch: seconds (train + test evaluation) and test accuracy.
"""
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
torch.manual_seed(1)


def idx(path, header):
    with open(path, "rb") as f:
        return np.frombuffer(f.read()[header:], dtype=np.uint8)


def main():
    root, epochs = sys.argv[1], int(sys.argv[2])
    x_train = torch.tensor(idx(f"{root}/train-images-idx3-ubyte", 16).reshape(-1, 784), dtype=torch.float32) / 255
    y_train = torch.tensor(idx(f"{root}/train-labels-idx1-ubyte", 8), dtype=torch.int64)
    x_test = torch.tensor(idx(f"{root}/t10k-images-idx3-ubyte", 16).reshape(-1, 784), dtype=torch.float32) / 255
    y_test = torch.tensor(idx(f"{root}/t10k-labels-idx1-ubyte", 8), dtype=torch.int64)
    layers = [784, 100, 100, 100, 10]
    modules = []
    for i in range(len(layers) - 2):
        modules += [torch.nn.Linear(layers[i], layers[i + 1], bias=False), torch.nn.BatchNorm1d(layers[i + 1]), torch.nn.ReLU()]
    modules.append(torch.nn.Linear(layers[-2], layers[-1]))
    net = torch.nn.Sequential(*modules)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        start = time.perf_counter()
        net.train()
        order = torch.randperm(len(x_train))
        for b in range(0, len(x_train), 100):
            batch = order[b:b + 100]
            optimizer.zero_grad()
            loss = loss_fn(net(x_train[batch]), y_train[batch])
            loss.backward()
            optimizer.step()
        net.eval()
        with torch.no_grad():
            correct = sum((net(x_test[b:b + 100]).argmax(1) == y_test[b:b + 100]).sum().item() for b in range(0, len(x_test), 100))
        print(f"{time.perf_counter() - start:.4f} {correct / len(x_test):.4f}", flush=True)


main()
